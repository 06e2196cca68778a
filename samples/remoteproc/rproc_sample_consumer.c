// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sample consumer of a remote processor.
 *
 * A driver that offloads work to a DSP or microcontroller does not drive
 * that processor itself: it names it in its devicetree node with the
 * "remoteproc" property, takes a reference with rproc_get_by_phandle(),
 * boots it while it needs it and shuts it down when it is done. This
 * sample does exactly that for the lifetime of its device:
 *
 *	dsp_offload {
 *		compatible = "linux,rproc-sample-consumer";
 *		remoteproc = <&dsp>;
 *	};
 *
 * Binding the device boots the processor; unbinding it shuts the processor
 * down (if no other user keeps it running) and drops the reference.
 */

#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>

static void rproc_sample_put(void *data)
{
	rproc_put(data);
}

static void rproc_sample_shutdown(void *data)
{
	struct rproc *rproc = data;
	int ret;

	ret = rproc_shutdown(rproc);
	if (ret)
		dev_warn(&rproc->dev, "shutdown failed: %d\n", ret);
}

static struct rproc *rproc_sample_get(struct device *dev)
{
	struct device_node *np;
	phandle handle;

	np = of_parse_phandle(dev->of_node, "remoteproc", 0);
	if (!np)
		return ERR_PTR(-EINVAL);
	handle = np->phandle;
	of_node_put(np);

	/* NULL until the processor's own driver has registered it. */
	return rproc_get_by_phandle(handle) ?: ERR_PTR(-EPROBE_DEFER);
}

static int rproc_sample_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rproc *rproc;
	int ret;

	rproc = rproc_sample_get(dev);
	if (IS_ERR(rproc))
		return dev_err_probe(dev, PTR_ERR(rproc),
				     "cannot get the remote processor\n");

	ret = devm_add_action_or_reset(dev, rproc_sample_put, rproc);
	if (ret)
		return ret;

	ret = rproc_boot(rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot boot %s\n", rproc->name);

	ret = devm_add_action_or_reset(dev, rproc_sample_shutdown, rproc);
	if (ret)
		return ret;

	dev_info(dev, "%s is running\n", rproc->name);

	return 0;
}

static const struct of_device_id rproc_sample_of_match[] = {
	{ .compatible = "linux,rproc-sample-consumer" },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, rproc_sample_of_match);

static struct platform_driver rproc_sample_driver = {
	.probe = rproc_sample_probe,
	.driver = {
		.name = "rproc-sample-consumer",
		.of_match_table = rproc_sample_of_match,
	},
};
module_platform_driver(rproc_sample_driver);

MODULE_DESCRIPTION("Remote processor consumer sample");
MODULE_LICENSE("GPL");
