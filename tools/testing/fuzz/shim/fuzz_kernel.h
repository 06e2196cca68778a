/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for the kernel API used by the remoteproc and rpmsg
 * parsers, so that their very source files build into libFuzzer harnesses.
 *
 * Every harness is built with "-include fuzz_kernel.h"; the headers under
 * shim/linux and shim/asm only include this file. What the parsers rely on
 * for correctness (overflow helpers, struct_size(), strscpy(), byte order)
 * behaves as in the kernel; what they only call for side effects (locks,
 * logging, work items) is a no-op. WARN_ON() and BUG_ON() abort, so a
 * warning the kernel would print counts as a crash of the harness.
 */
#ifndef FUZZ_KERNEL_H
#define FUZZ_KERNEL_H

#include <asm-generic/int-ll64.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <endian.h>

/* ---- configuration ---- */
#define CONFIG_RPMSG		1
#define CONFIG_REMOTEPROC	1
#define __fz_cfg_1		0,
#define __fz_cfg_(a, b, ...)	b
#define __fz_cfg(x)		__fz_cfg_(x 1, 0, 0)
#define __fz_cfg_tok(v)		__fz_cfg(__fz_cfg_##v)
#define IS_ENABLED(opt)		__fz_cfg_tok(opt)
#define IS_REACHABLE(opt)	IS_ENABLED(opt)
#define KBUILD_MODNAME		"fuzz"

/* ---- kernel-only error codes ---- */
#define ERESTARTSYS	512
#define ENOTSUPP	524
#define EPROBE_DEFER	517

/* ---- types ---- */
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;
typedef __u16 __le16;
typedef __u32 __le32;
typedef __u64 __le64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u64 __be64;
typedef __u16 __virtio16;
typedef __u32 __virtio32;
typedef __u64 __virtio64;
typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef unsigned int gfp_t;
typedef unsigned int __poll_t;
typedef unsigned int fmode_t;
typedef unsigned short umode_t;
typedef u32 phandle;
typedef struct { int counter; } atomic_t;
typedef struct { long long counter; } atomic64_t;
typedef int irqreturn_t;

#define __force
#define __iomem
#define __user
#define __rcu
#define __acquires(x)
#define __releases(x)
#define __bitwise
#define __must_check
#define __init
#define __exit
#define __initdata
#define __read_mostly
#define __maybe_unused		__attribute__((unused))
#define __always_unused		__attribute__((unused))
#define __packed		__attribute__((packed))
#define __aligned(x)		__attribute__((aligned(x)))
#ifndef __always_inline
#define __always_inline		inline __attribute__((always_inline))
#endif
#define noinline		__attribute__((noinline))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __counted_by(m)
#define fallthrough		__attribute__((fallthrough))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" ::: "memory")

/* ---- basic helpers ---- */
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))
#define BITS_PER_LONG		64
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define U8_MAX			0xffU
#define U16_MAX			0xffffU
#define U32_MAX			0xffffffffU
#define U64_MAX			0xffffffffffffffffULL
#define S32_MAX			0x7fffffff
#define __ALIGN_MASK(x, m)	(((x) + (m)) & ~(m))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min3(a, b, c)		min(min(a, b), c)
#define min_t(t, a, b)		min((t)(a), (t)(b))
#define max_t(t, a, b)		max((t)(a), (t)(b))
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi)	clamp((t)(v), (t)(lo), (t)(hi))
#define swap(a, b) \
	do { __typeof__(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define smp_rmb()		barrier()
#define smp_wmb()		barrier()
#define smp_mb()		barrier()
#define virt_rmb()		barrier()
#define virt_wmb()		barrier()
#define BUILD_BUG_ON(c)		_Static_assert(!(c), #c)
#define BUILD_BUG_ON_ZERO(c)	0
#ifndef static_assert
#define static_assert(c, ...)	_Static_assert(c, #c)
#endif

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (64 - __builtin_clzl(n - 1));
}

static inline int ilog2(unsigned long n)
{
	return 63 - __builtin_clzl(n);
}

/* ---- overflow ---- */
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

static inline size_t size_mul(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_add(size_t a, size_t b)
{
	size_t r;

	return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

#define array_size(a, b)	size_mul(a, b)
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), size_mul(sizeof(*(p)->member), count))
#define flex_array_size(p, member, count) \
	size_mul(sizeof(*(p)->member), count)

/* ---- errors ---- */
#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }
static inline void *ERR_CAST(const void *ptr) { return (void *)ptr; }
static inline int PTR_ERR_OR_ZERO(const void *ptr) { return IS_ERR(ptr) ? PTR_ERR(ptr) : 0; }

/* ---- warnings, assertions and logging ---- */
void fuzz_warn(const char *file, int line, const char *cond)
	__attribute__((noreturn));
extern int fuzz_verbose;
void fuzz_log(const char *fmt, ...) __printf(1, 2);

#define WARN_ON(c) \
	({ bool __c = !!(c); if (__c) fuzz_warn(__FILE__, __LINE__, #c); __c; })
#define WARN_ON_ONCE(c)		WARN_ON(c)
#define WARN(c, ...)		WARN_ON(c)
#define WARN_ONCE(c, ...)	WARN_ON(c)
#define BUG_ON(c)		((void)WARN_ON(c))
#define BUG()			fuzz_warn(__FILE__, __LINE__, "BUG")

#define fuzz_print(fmt, ...) \
	do { if (fuzz_verbose) fuzz_log(fmt, ##__VA_ARGS__); } while (0)
#define pr_err(fmt, ...)		fuzz_print(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)		fuzz_print(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)		fuzz_print(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)		fuzz_print(fmt, ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...)	fuzz_print(fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...)	fuzz_print(fmt, ##__VA_ARGS__)
#define dev_log(d, fmt, ...) \
	do { (void)(d); fuzz_print(fmt, ##__VA_ARGS__); } while (0)
#define dev_err(d, fmt, ...)			dev_log(d, fmt, ##__VA_ARGS__)
#define dev_warn(d, fmt, ...)			dev_log(d, fmt, ##__VA_ARGS__)
#define dev_info(d, fmt, ...)			dev_log(d, fmt, ##__VA_ARGS__)
#define dev_notice(d, fmt, ...)			dev_log(d, fmt, ##__VA_ARGS__)
#define dev_dbg(d, fmt, ...)			dev_log(d, fmt, ##__VA_ARGS__)
#define dev_err_ratelimited(d, fmt, ...)	dev_log(d, fmt, ##__VA_ARGS__)
#define dev_warn_ratelimited(d, fmt, ...)	dev_log(d, fmt, ##__VA_ARGS__)
#define dev_info_ratelimited(d, fmt, ...)	dev_log(d, fmt, ##__VA_ARGS__)
#define dev_dbg_ratelimited(d, fmt, ...)	dev_log(d, fmt, ##__VA_ARGS__)
#define dev_err_once(d, fmt, ...)		dev_log(d, fmt, ##__VA_ARGS__)
#define dev_warn_once(d, fmt, ...)		dev_log(d, fmt, ##__VA_ARGS__)
#define dev_err_probe(d, err, fmt, ...) \
	({ dev_log(d, fmt, ##__VA_ARGS__); (err); })

/* Every line is let through: the harness checks behaviour, not logs */
struct ratelimit_state {
	int missed;
};

#define DEFAULT_RATELIMIT_INTERVAL	(5 * 1000)
#define DEFAULT_RATELIMIT_BURST		10
#define ratelimit_state_init(rs, i, b)	((void)(i), (void)(b), (rs)->missed = 0)
#define __ratelimit(rs)			((void)(rs)->missed, 1)

/* ---- memory ---- */
#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_NOWAIT	0x4u
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u

/*
 * The kernel's page allocator warns on requests above KMALLOC_MAX_SIZE
 * (4 MiB here): an allocation sized by firmware must be checked first.
 */
#define KMALLOC_MAX_SIZE	(4UL << 20)
void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *p);
#define kvfree(p)			kfree(p)
#define kzalloc(s, f)			kmalloc(s, (f) | __GFP_ZERO)
#define devm_kzalloc(d, s, f)		((void)(d), kzalloc(s, f))
#define kvmalloc(s, f)			kmalloc(s, f)
#define kvzalloc(s, f)			kzalloc(s, f)
#define kmalloc_array(n, s, f)		kmalloc(size_mul(n, s), f)
#define kcalloc(n, s, f)		kzalloc(size_mul(n, s), f)
#define kvcalloc(n, s, f)		kcalloc(n, s, f)
#define bitmap_zalloc(n, f)		kcalloc(BITS_TO_LONGS(n), sizeof(long), f)
#define bitmap_free(p)			kfree(p)
void *kmemdup(const void *src, size_t len, gfp_t flags);
char *kstrdup(const char *s, gfp_t flags);
const char *kstrdup_const(const char *s, gfp_t flags);
#define kfree_const(p)			kfree(p)

/* ---- strings ---- */
ssize_t strscpy(char *dst, const char *src, size_t size);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);

/* ---- byte order (little-endian host) ---- */
#define __LITTLE_ENDIAN		1234
#define le16_to_cpu(x)		((u16)(x))
#define le32_to_cpu(x)		((u32)(x))
#define le64_to_cpu(x)		((u64)(x))
#define cpu_to_le16(x)		((__le16)(x))
#define cpu_to_le32(x)		((__le32)(x))
#define cpu_to_le64(x)		((__le64)(x))
#define be16_to_cpu(x)		__builtin_bswap16(x)
#define be32_to_cpu(x)		__builtin_bswap32(x)
#define be64_to_cpu(x)		__builtin_bswap64(x)
#define cpu_to_be16(x)		__builtin_bswap16(x)
#define cpu_to_be32(x)		__builtin_bswap32(x)
#define cpu_to_be64(x)		__builtin_bswap64(x)

/* ---- I/O memory ---- */
#define memcpy_toio(d, s, n)	memcpy((void *)(d), s, n)
#define memcpy_fromio(d, s, n)	memcpy(d, (const void *)(s), n)
#define memset_io(d, c, n)	memset((void *)(d), c, n)

/* ---- sort ---- */
void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *, const void *),
	  void (*swap_fn)(void *, void *, int));

/* ---- locking, atomics, reference counts: single-threaded no-ops ---- */
typedef struct { int locked; } spinlock_t;
typedef spinlock_t raw_spinlock_t;
struct mutex { int locked; };
struct lock_class_key { int unused; };
#define DEFINE_SPINLOCK(x)		spinlock_t x
#define DEFINE_MUTEX(x)			struct mutex x
#define spin_lock_init(l)		((l)->locked = 0)
#define spin_lock(l)			((void)(l))
#define spin_unlock(l)			((void)(l))
#define spin_lock_irq(l)		((void)(l))
#define spin_unlock_irq(l)		((void)(l))
#define spin_lock_bh(l)			((void)(l))
#define spin_unlock_bh(l)		((void)(l))
#define spin_lock_irqsave(l, f)		((void)(l), (f) = 0)
#define spin_unlock_irqrestore(l, f)	((void)(l), (void)(f))
#define mutex_init(m)			((m)->locked = 0)
#define mutex_destroy(m)		((void)(m))
#define mutex_lock(m)			((void)(m))
#define mutex_unlock(m)			((void)(m))
#define mutex_lock_interruptible(m)	((void)(m), 0)
#define mutex_trylock(m)		((void)(m), 1)
#define lockdep_assert_held(l)		((void)(l))
#define lockdep_assert(c)		((void)WARN_ON(!(c)))
#define lockdep_is_held(l)		((void)(l), 1)

/*
 * SRCU and RCU pointers: one thread, so a read section only counts
 * readers, and a grace period must find none.
 */
struct srcu_struct { int readers; };
#define init_srcu_struct(s)		((s)->readers = 0, 0)
#define cleanup_srcu_struct(s)		((void)WARN_ON((s)->readers))
#define synchronize_srcu(s)		((void)WARN_ON((s)->readers))
#define srcu_read_lock(s)		((s)->readers++, 0)
#define srcu_read_unlock(s, idx)	((void)(idx), (s)->readers--)
#define srcu_dereference(p, s)		((void)(s), (p))
#define rcu_assign_pointer(p, v)	((p) = (v))
#define rcu_access_pointer(p)		(p)
#define rcu_dereference_protected(p, c)	((void)(c), (p))
#define might_sleep()			do { } while (0)

#define ATOMIC_INIT(i)			{ (i) }
#define atomic_read(v)			READ_ONCE((v)->counter)
#define atomic_set(v, i)		WRITE_ONCE((v)->counter, (i))
#define atomic_inc(v)			((void)((v)->counter++))
#define atomic_dec(v)			((void)((v)->counter--))
#define atomic_inc_return(v)		(++(v)->counter)
#define atomic_dec_return(v)		(--(v)->counter)
#define atomic_dec_and_test(v)		(--(v)->counter == 0)
#define atomic_xchg(v, i) \
	({ int __o = (v)->counter; (v)->counter = (i); __o; })
/* Nothing runs in between: a plain compare-and-swap */
#define atomic_try_cmpxchg(v, old, new)			\
	({							\
		int *__p = (old);				\
		bool __ok = (v)->counter == *__p;		\
								\
		if (__ok)					\
			(v)->counter = (new);			\
		else						\
			*__p = (v)->counter;			\
		__ok;						\
	})

struct kref { atomic_t refcount; };
#define kref_init(k)			atomic_set(&(k)->refcount, 1)
#define kref_get(k)			atomic_inc(&(k)->refcount)
#define kref_read(k)			atomic_read(&(k)->refcount)
#define kref_put(k, release)					\
	({							\
		int __r = atomic_dec_and_test(&(k)->refcount);	\
								\
		if (__r)					\
			(release)(k);				\
		__r;						\
	})

/* ---- lists ---- */
struct list_head { struct list_head *next, *prev; };
struct hlist_node { struct hlist_node *next, **pprev; };
#define LIST_HEAD_INIT(n)	{ &(n), &(n) }
#define LIST_HEAD(n)		struct list_head n = LIST_HEAD_INIT(n)
static inline void INIT_LIST_HEAD(struct list_head *l) { l->next = l->prev = l; }
static inline bool list_empty(const struct list_head *l) { return l->next == l; }
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static inline void list_del(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static inline void list_del_init(struct list_head *e)
{
	list_del(e);
	INIT_LIST_HEAD(e);
}

#define list_for_each_entry(pos, head, member)				\
	for (pos = container_of((head)->next, __typeof__(*pos), member); \
	     &pos->member != (head);					\
	     pos = container_of(pos->member.next, __typeof__(*pos), member))

/* ---- sleeping, waiting, work ---- */
struct task_struct;
extern struct task_struct *current;
typedef struct { int unused; } wait_queue_head_t;
struct completion { unsigned int done; };
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct { work_func_t func; int pending; };
struct delayed_work { struct work_struct work; };
struct workqueue_struct;
extern struct workqueue_struct *system_wq, *system_highpri_wq;
#define init_waitqueue_head(q)		((void)(q))
#define wake_up(q)			((void)(q))
#define wake_up_all(q)			((void)(q))
#define wake_up_interruptible(q)	((void)(q))
#define wake_up_interruptible_poll(q, m)	((void)(q))
/* Waiting for a false condition would never end: report a signal. */
#define wait_event_interruptible(q, cond)	((void)(q), (cond) ? 0 : -ERESTARTSYS)
#define smp_store_release(p, v)		WRITE_ONCE(*(p), v)
#define smp_load_acquire(p)		READ_ONCE(*(p))
#define wq_has_sleeper(q)		((void)(q), false)
/* Nothing else runs: a condition that is false now would stay false. */
#define wait_event(q, cond)		((void)(q), WARN_ON(!(cond)))
#define init_completion(c)		((c)->done = 0)
#define complete(c)			((c)->done++)
#define INIT_WORK(w, f)			((w)->func = (f), (w)->pending = 0)
#define INIT_DELAYED_WORK(w, f)		INIT_WORK(&(w)->work, f)
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
#define schedule_work(w)		queue_work(system_wq, w)
#define cancel_work_sync(w)		((w)->pending = 0)
#define flush_work(w)			((void)(w))
#define HZ				100
/* Busy polling: time moves 1 us per look, no signal, nobody else to run */
#define NSEC_PER_USEC			1000ULL
static inline u64 local_clock(void)
{
	static u64 fuzz_ns;

	return fuzz_ns += NSEC_PER_USEC;
}

#define signal_pending(t)		((void)(t), 0)
#define need_resched()			0
#define cpu_relax()			do { } while (0)

/* ---- driver model ---- */
struct module;
#define THIS_MODULE		((struct module *)0)
struct kobject { const char *name; };
struct device_node;
struct fwnode_handle;
struct class;
struct bus_type { const char *name; };
struct attribute_group;
struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	const struct attribute_group **dev_groups;
};

struct device;
struct kobj_uevent_env;
struct attribute { const char *name; umode_t mode; };
struct attribute_group {
	const char *name;
	struct attribute **attrs;
};

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr,
			char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count);
};

struct device_type {
	const char *name;
	const struct attribute_group **groups;
	int (*uevent)(struct device *dev, struct kobj_uevent_env *env);
	void (*release)(struct device *dev);
};

#define __ATTR(n, m, sh, st) \
	{ .attr = { .name = #n, .mode = (m) }, .show = (sh), .store = (st) }
#define __ATTR_RO(n)		__ATTR(n, 0444, n##_show, NULL)
#define __ATTR_RW(n)		__ATTR(n, 0644, n##_show, n##_store)
#define DEVICE_ATTR(n, m, sh, st) \
	struct device_attribute dev_attr_##n = __ATTR(n, m, sh, st)
#define DEVICE_ATTR_RO(n) \
	struct device_attribute dev_attr_##n = __ATTR_RO(n)
#define DEVICE_ATTR_RW(n) \
	struct device_attribute dev_attr_##n = __ATTR_RW(n)
#define __ATTRIBUTE_GROUPS(n) \
	static const struct attribute_group *n##_groups[] = { &n##_group, NULL }
#define ATTRIBUTE_GROUPS(n) \
	static const struct attribute_group n##_group = { .attrs = n##_attrs }; \
	__ATTRIBUTE_GROUPS(n)
#define add_uevent_var(env, fmt, ...)	((void)(env), 0)
#define PAGE_SIZE			4096
#define sysfs_emit(buf, fmt, ...)	snprintf(buf, PAGE_SIZE, fmt, ##__VA_ARGS__)
#define class_create(owner, name)	((struct class *)&fuzz_class)
#define class_destroy(c)		((void)(c))
extern int fuzz_class;

struct device {
	struct kobject kobj;
	const struct device_type *type;
	struct device *parent;
	const char *init_name;
	const struct bus_type *bus;
	struct device_driver *driver;
	void *driver_data;
	struct device_node *of_node;
	struct class *class;
	const void *groups;
	dev_t devt;
	void (*release)(struct device *dev);
	int refs;
};

static inline void *dev_get_drvdata(const struct device *d) { return d->driver_data; }
static inline void dev_set_drvdata(struct device *d, void *p) { d->driver_data = p; }
static inline const char *dev_name(const struct device *d)
{
	return d->init_name ? d->init_name : "fuzz";
}

#define dev_set_name(d, ...)	((void)(d), 0)
#define device_initialize(d)	((d)->refs = 1)
struct device *get_device(struct device *dev);
typedef int (*device_child_fn_t)(struct device *dev, void *data);
/* Harnesses define it; checkpatch takes "for_each" names for loops. */
int fuzz_device_children(struct device *parent, void *data,
			 device_child_fn_t fn);
#define device_for_each_child	fuzz_device_children
void put_device(struct device *dev);

struct fuzz_find_child {
	void *data;
	int (*match)(struct device *dev, void *data);
	struct device *found;
};

static inline int fuzz_find_child_fn(struct device *dev, void *data)
{
	struct fuzz_find_child *f = data;

	if (!f->match(dev, f->data))
		return 0;
	f->found = get_device(dev);
	return 1;
}

/* The first child @match accepts, with a reference, through the harness */
static inline struct device *
device_find_child(struct device *parent, void *data,
		  int (*match)(struct device *dev, void *data))
{
	struct fuzz_find_child f = { .data = data, .match = match };

	fuzz_device_children(parent, &f, fuzz_find_child_fn);
	return f.found;
}

struct cdev { dev_t dev; const void *ops; struct module *owner; };
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(d)	((unsigned int)((d) >> MINORBITS))
#define MINOR(d)	((unsigned int)((d) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))
#define cdev_init(c, fops)		((c)->ops = (fops))
#define cdev_device_add(c, d)		((void)(c), (void)(d), 0)
#define cdev_device_del(c, d)		((void)(c), (void)(d))
#define ida_alloc_max(ida, max, gfp)	((void)(ida), 0)
#define ida_free(ida, id)		((void)(ida), (void)(id))
#define alloc_chrdev_region(d, f, n, name)	(*(d) = 0, 0)
#define unregister_chrdev_region(d, n)	((void)(d))
#define compat_ptr_ioctl		NULL
#define stream_open(inode, filp)	((void)(inode), (void)(filp), 0)
#define noop_llseek			NULL
struct idr { int next; };
struct ida { int next; };
#define DEFINE_IDA(x)		struct ida x
#define DEFINE_IDR(x)		struct idr x
struct inode { struct cdev *i_cdev; dev_t i_rdev; };
#define FMODE_READ		0x1
#define FMODE_WRITE		0x2
#define u64_to_user_ptr(x)	((void __user *)(uintptr_t)(x))

struct file {
	void *private_data;
	const void *f_op;
	unsigned int f_flags;
	fmode_t f_mode;
};

struct poll_table_struct;
typedef struct poll_table_struct poll_table;
struct vm_area_struct;
struct file_operations {
	struct module *owner;
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, char __user *buf, size_t len,
			loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf, size_t len,
			 loff_t *pos);
	__poll_t (*poll)(struct file *file, poll_table *wait);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd,
			       unsigned long arg);
	long (*compat_ioctl)(struct file *file, unsigned int cmd,
			     unsigned long arg);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
};

/* ---- user copies: the harness owns the "user" buffer ---- */
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n);
long copy_from_user_nofault(void *dst, const void __user *src, size_t size);
#define put_user(x, p)						\
	(copy_to_user(p, &(__typeof__(*(p))) { (x) }, sizeof(*(p))) ?	\
	 -EFAULT : 0)
#define get_user(x, p)						\
	(copy_from_user(&(x), p, sizeof(*(p))) ? ((x) = 0, -EFAULT) : 0)

/* ---- module boilerplate ---- */
#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)
#define EXPORT_SYMBOL_NS_GPL(s, ns)
#define MODULE_LICENSE(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_AUTHOR(s)
#define MODULE_ALIAS(s)
#define MODULE_DEVICE_TABLE(t, n)
#define MODULE_PARM_DESC(p, d)
#define module_param(n, t, p)
#define module_init(f)
#define module_exit(f)
#define postcore_initcall(f)
#define subsys_initcall(f)
#define device_initcall(f)

#endif /* FUZZ_KERNEL_H */
