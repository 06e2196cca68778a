// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: debugfs.
 *
 * /sys/kernel/debug/remoteproc/remoteprocN/ holds
 *   name               the processor's name
 *   recovery           enabled/disabled; write "recover" to recover now
 *   coredump           disabled/enabled/inline
 *   crash              write a crash type (0 mmufault, 1 watchdog,
 *                      2 fatal error) to report a crash
 *   resource_table     the table the remote sees, decoded
 *   carveout_memories  the memory regions
 *   traceN             the firmware's trace buffers
 *
 * The per-processor files go away in rproc_del(), which is not called with
 * rproc->lock held, so they may take the lock.  The trace files are removed
 * with the lock held: they must not take it (debugfs removal waits for
 * their readers), and need not: the carveouts they read outlive them.
 */

#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "remoteproc_internal.h"
#include "remoteproc_rsc_table.h"

static struct dentry *rproc_dbg;

/* Copy a short command from user space, NUL-terminated. */
static int rproc_dbg_copy_cmd(char *buf, size_t size,
			      const char __user *ubuf, size_t count)
{
	if (!count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}

/* Bytes of a trace buffer copied out of device memory at a time. */
#define RPROC_TRACE_CHUNK	256

/*
 * A trace file reads the firmware's buffer in place, up to its first NUL
 * from the reader's position, in small chunks: the buffer may be as large
 * as the firmware said, and the remote keeps writing it.  Each chunk is
 * copied once and only that copy is looked at, so a byte the remote
 * changes meanwhile can only change what the reader gets, never how much
 * is copied.
 */
static ssize_t rproc_trace_read(struct file *filp, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct rproc_debug_trace *trace = filp->private_data;
	struct rproc_mem_entry *mem = &trace->trace_mem;
	char chunk[RPROC_TRACE_CHUNK];
	bool is_iomem = false;
	size_t done = 0, n, text;
	loff_t pos = *ppos;
	void *va;

	va = rproc_da_to_va(trace->rproc, mem->da, mem->len, &is_iomem);
	if (!va) {
		static const char msg[] = "trace buffer not mapped\n";

		return simple_read_from_buffer(ubuf, count, ppos, msg,
					       sizeof(msg) - 1);
	}
	if (pos < 0)
		return -EINVAL;

	while (done < count && pos < mem->len) {
		n = min3(sizeof(chunk), count - done, mem->len - (size_t)pos);
		if (is_iomem)
			memcpy_fromio(chunk, (void __iomem *)va + pos, n);
		else
			memcpy(chunk, va + pos, n);

		text = strnlen(chunk, n);
		if (copy_to_user(ubuf + done, chunk, text)) {
			if (!done)
				return -EFAULT;
			break;
		}
		done += text;
		pos += text;
		if (text < n)
			break;	/* the NUL that ends the text */
	}

	*ppos = pos;
	return done;
}

static const struct file_operations rproc_trace_fops = {
	.read	= rproc_trace_read,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

/**
 * rproc_create_trace_file() - expose a trace buffer
 * @name: file name ("traceN")
 * @rproc: the remote processor
 * @trace: the buffer
 *
 * Return: the dentry (an error pointer when debugfs is not usable, which
 * rproc_remove_trace_file() accepts).
 */
struct dentry *rproc_create_trace_file(const char *name, struct rproc *rproc,
				       struct rproc_debug_trace *trace)
{
	return debugfs_create_file(name, 0400, rproc->dbg_dir, trace,
				   &rproc_trace_fops);
}

/**
 * rproc_remove_trace_file() - remove a trace file; waits for its readers
 * @tfile: from rproc_create_trace_file()
 */
void rproc_remove_trace_file(struct dentry *tfile)
{
	debugfs_remove(tfile);
}

/**
 * struct rproc_dbg_knob - a file holding one word
 * @fops: its file operations; the knob is found back from them
 * @get: the word to show
 * @set: applies a word written to the file (NULL: read only)
 *
 * The "name", "recovery" and "coredump" files read back as one line and
 * take a short command; they differ only in @get and @set.
 */
struct rproc_dbg_knob {
	const struct file_operations fops;
	const char *(*get)(struct rproc *rproc);
	int (*set)(struct rproc *rproc, const char *cmd);
};

static const struct rproc_dbg_knob *rproc_dbg_knob_of(struct file *filp)
{
	return container_of(debugfs_real_fops(filp), struct rproc_dbg_knob,
			    fops);
}

static ssize_t rproc_dbg_knob_read(struct file *filp, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	const struct rproc_dbg_knob *knob = rproc_dbg_knob_of(filp);
	char line[100];
	int len;

	len = scnprintf(line, sizeof(line), "%s\n",
			knob->get(filp->private_data));
	return simple_read_from_buffer(ubuf, count, ppos, line, len);
}

static ssize_t rproc_dbg_knob_write(struct file *filp, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	const struct rproc_dbg_knob *knob = rproc_dbg_knob_of(filp);
	char cmd[16];
	int ret;

	if (!knob->set)
		return -EPERM;
	ret = rproc_dbg_copy_cmd(cmd, sizeof(cmd), ubuf, count);
	if (!ret)
		ret = knob->set(filp->private_data, cmd);
	return ret ? ret : count;
}

static const char *rproc_dbg_name(struct rproc *rproc)
{
	return rproc->name;
}

#define RPROC_DBG_KNOB(_get, _set) {				\
	.fops = {						\
		.owner	= THIS_MODULE,				\
		.open	= simple_open,				\
		.read	= rproc_dbg_knob_read,			\
		.write	= rproc_dbg_knob_write,			\
		.llseek	= generic_file_llseek,			\
	},							\
	.get = _get,						\
	.set = _set,						\
}

static const struct rproc_dbg_knob rproc_dbg_name_knob =
	RPROC_DBG_KNOB(rproc_dbg_name, NULL);
static const struct rproc_dbg_knob rproc_dbg_recovery_knob =
	RPROC_DBG_KNOB(rproc_recovery_word, rproc_set_recovery);
static const struct rproc_dbg_knob rproc_dbg_coredump_knob =
	RPROC_DBG_KNOB(rproc_coredump_word, rproc_set_coredump);

static ssize_t rproc_crash_write(struct file *filp, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct rproc *rproc = filp->private_data;
	unsigned int type;
	int ret;

	ret = kstrtouint_from_user(ubuf, count, 0, &type);
	if (ret)
		return ret;
	if (type > RPROC_FATAL_ERROR)
		return -EINVAL;

	rproc_report_crash(rproc, type);
	return count;
}

static const struct file_operations rproc_crash_fops = {
	.write	= rproc_crash_write,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

static void rproc_show_carveout(struct seq_file *seq, const char *what,
				const struct fw_rsc_carveout *c)
{
	seq_printf(seq, "  %s %.32s: da %#x pa %#x len %#x flags %#x reserved %u\n",
		   what, c->name, c->da, c->pa, c->len, c->flags, c->reserved);
}

static void rproc_show_vdev(struct seq_file *seq,
			    const struct fw_rsc_vdev *v)
{
	unsigned int j;

	seq_printf(seq, "  vdev: id %u notifyid %u dfeatures %#x gfeatures %#x config_len %u status %#x vrings %u\n",
		   v->id, v->notifyid, v->dfeatures, v->gfeatures,
		   v->config_len, v->status, v->num_of_vrings);
	for (j = 0; j < v->num_of_vrings; j++)
		seq_printf(seq, "    vring%u: da %#x align %u num %u notifyid %u\n",
			   j, v->vring[j].da, v->vring[j].align,
			   v->vring[j].num, v->vring[j].notifyid);
}

static void rproc_show_table(struct seq_file *seq,
			     const struct resource_table *table)
{
	u32 i;

	seq_printf(seq, "version %u, %u entries\n", table->ver, table->num);
	for (i = 0; i < table->num; i++) {
		const struct fw_rsc_hdr *hdr = (void *)table + table->offset[i];
		const struct fw_rsc_trace *t = (void *)hdr->data;

		seq_printf(seq, "entry %u at %#x:\n", i, table->offset[i]);
		switch (hdr->type) {
		case RSC_CARVEOUT:
			rproc_show_carveout(seq, "carveout", (void *)hdr->data);
			break;
		case RSC_DEVMEM:
			rproc_show_carveout(seq, "devmem", (void *)hdr->data);
			break;
		case RSC_TRACE:
			seq_printf(seq, "  trace %.32s: da %#x len %#x\n",
				   t->name, t->da, t->len);
			break;
		case RSC_VDEV:
			rproc_show_vdev(seq, (void *)hdr->data);
			break;
		default:
			seq_printf(seq, "  type %u\n", hdr->type);
			break;
		}
	}
}

static int rproc_rsc_table_show(struct seq_file *seq, void *unused)
{
	struct rproc *rproc = seq->private;
	struct resource_table *snap = NULL;
	int ret = 0;

	mutex_lock(&rproc->lock);
	/*
	 * The table the remote sees may be rewritten by the remote at any
	 * time: decode a snapshot, and only once it passed validation.
	 */
	if (rproc->table_ptr)
		snap = kmemdup(rproc->table_ptr, rproc->table_sz, GFP_KERNEL);
	if (snap && rproc_rsc_table_validate(&rproc->dev, snap, rproc->table_sz))
		seq_puts(seq, "resource table corrupted by the remote\n");
	else if (snap)
		rproc_show_table(seq, snap);
	else if (rproc->table_ptr)
		ret = -ENOMEM;
	else
		seq_puts(seq, "no resource table\n");
	mutex_unlock(&rproc->lock);

	kfree(snap);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(rproc_rsc_table);

static int rproc_carveouts_show(struct seq_file *seq, void *unused)
{
	struct rproc *rproc = seq->private;
	struct rproc_mem_entry *mem;

	mutex_lock(&rproc->lock);
	list_for_each_entry(mem, &rproc->carveouts, node)
		seq_printf(seq, "%s: dma %pad da %#x len %#zx%s\n", mem->name,
			   &mem->dma, mem->da, mem->len,
			   mem->va ? "" : " (not allocated)");
	mutex_unlock(&rproc->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rproc_carveouts);

/**
 * rproc_create_debug_dir() - create remoteprocN/ and its files
 * @rproc: the remote processor, being registered
 */
void rproc_create_debug_dir(struct rproc *rproc)
{
	struct dentry *dir;

	dir = debugfs_create_dir(dev_name(&rproc->dev), rproc_dbg);
	rproc->dbg_dir = dir;

	debugfs_create_file("name", 0400, dir, rproc,
			    &rproc_dbg_name_knob.fops);
	debugfs_create_file("recovery", 0600, dir, rproc,
			    &rproc_dbg_recovery_knob.fops);
	debugfs_create_file("coredump", 0600, dir, rproc,
			    &rproc_dbg_coredump_knob.fops);
	debugfs_create_file("crash", 0200, dir, rproc, &rproc_crash_fops);
	debugfs_create_file("resource_table", 0400, dir, rproc,
			    &rproc_rsc_table_fops);
	debugfs_create_file("carveout_memories", 0400, dir, rproc,
			    &rproc_carveouts_fops);
}

/**
 * rproc_delete_debug_dir() - remove remoteprocN/
 * @rproc: the remote processor, being unregistered
 */
void rproc_delete_debug_dir(struct rproc *rproc)
{
	debugfs_remove_recursive(rproc->dbg_dir);
	rproc->dbg_dir = NULL;
}

/**
 * rproc_init_debugfs() - create /sys/kernel/debug/remoteproc
 */
void rproc_init_debugfs(void)
{
	rproc_dbg = debugfs_create_dir("remoteproc", NULL);
}
