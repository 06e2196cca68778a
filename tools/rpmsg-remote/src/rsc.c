// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * rsc.c - bring a vdev up from the resource table Linux processed
 *
 * Linux copies its processed resource table over our .resource_table
 * section before it starts the core, so the entry we point at already holds
 * the notify ids it assigned, and, once the virtio driver has probed, the
 * vring addresses, the accepted features and status DRIVER_OK.  The remote
 * runs before any of that happens and polls the status byte.  When the
 * driver goes away Linux writes status 0 and may set the device up again
 * later with fresh rings; rr_vdev_check_reset() notices that.
 *
 * Every value read here was written by Linux and is checked before use.
 */
#include "rpmsg_remote.h"
#include "rr_port.h"

#define RR_VDEV_POLL_MS		10
#define RR_WAIT_FOREVER		0xffffffffu

/**
 * rr_vdev_init() - bind a vdev tracker to a vdev entry of the resource table
 * @vdev: tracker, caller-allocated
 * @rsc: the entry inside the loaded table
 *
 * Return: 0, or -RR_EINVAL if the entry cannot describe a two-ring device.
 */
int rr_vdev_init(struct rr_vdev *vdev, volatile struct rr_rsc_vdev *rsc)
{
	vdev->rsc = rsc;
	vdev->live = false;
	vdev->features = 0;
	vdev->generation = 0;
	if (rsc->type != RR_RSC_VDEV || rsc->num_of_vrings < RR_VDEV_MAX_VRINGS)
		return -RR_EINVAL;
	return 0;
}

/**
 * rr_vdev_has_feature() - whether a feature bit was offered and accepted
 * @vdev: the vdev
 * @bit: feature bit number (< 32)
 *
 * Return: true if negotiated.
 */
bool rr_vdev_has_feature(const struct rr_vdev *vdev, unsigned int bit)
{
	return bit < 32 && (vdev->features & (1u << bit));
}

static volatile struct rr_rsc_vring *rsc_vring(struct rr_vdev *vdev, unsigned int i)
{
	return (volatile struct rr_rsc_vring *)((volatile uint8_t *)vdev->rsc +
						sizeof(struct rr_rsc_vdev) +
						i * sizeof(struct rr_rsc_vring));
}

static int rr_vdev_setup(struct rr_vdev *vdev)
{
	static const char *const names[RR_VDEV_MAX_VRINGS] = { "tx", "rx" };
	volatile struct rr_rsc_vdev *rsc = vdev->rsc;
	unsigned int i;
	int ret;

	rr_port_cache_invalidate(rsc, sizeof(*rsc) +
				 RR_VDEV_MAX_VRINGS * sizeof(struct rr_rsc_vring));
	rr_rmb();
	/* Linux may only accept what we offered; ignore anything else. */
	vdev->features = rsc->dfeatures & rsc->gfeatures;

	for (i = 0; i < RR_VDEV_MAX_VRINGS; i++) {
		volatile struct rr_rsc_vring *r = rsc_vring(vdev, i);
		uint32_t da = r->da, num = r->num, align = r->align;
		uint32_t size = rr_vring_size(num, align);
		void *va;

		if (!size) {
			rr_log_limited("vdev: vring%u num %u align %u unusable\n",
				       i, (unsigned int)num, (unsigned int)align);
			return -RR_EINVAL;
		}
		va = rr_port_da_to_va(da, size);
		if (!va) {
			rr_log_limited("vdev: vring%u at %#x+%#x outside shared memory\n",
				       i, (unsigned int)da, (unsigned int)size);
			return -RR_EINVAL;
		}
		/* vring 0 carries remote->Linux: Linux's buffers are ours to fill */
		ret = rr_vring_init(&vdev->vring[i], va, num, align, r->notifyid,
				    rr_vdev_has_feature(vdev, RR_VIRTIO_RING_F_EVENT_IDX),
				    i == 0, names[i]);
		if (ret)
			return ret;
	}
	vdev->live = true;
	vdev->generation++;
	rr_trace_printf("vdev: live (gen %u), features %#x, vrings %u/%u entries\n",
			(unsigned int)vdev->generation, (unsigned int)vdev->features,
			vdev->vring[0].num, vdev->vring[1].num);
	return 0;
}

static bool rr_vdev_driver_ok(struct rr_vdev *vdev)
{
	rr_port_cache_invalidate(&vdev->rsc->status, 1);
	return vdev->rsc->status & RR_VIRTIO_STATUS_DRIVER_OK;
}

/**
 * rr_vdev_wait_live() - wait until Linux's virtio driver has set the device up
 * @vdev: the vdev
 * @timeout_ms: give up after this long; 0xffffffff waits forever
 *
 * Polls the status byte; a DRIVER_OK device with rings we cannot use is
 * reported once and then treated as not live (until Linux resets it).
 *
 * Return: 0 when live, -RR_ETIMEDOUT, or -RR_EINVAL for bad ring geometry.
 */
int rr_vdev_wait_live(struct rr_vdev *vdev, uint32_t timeout_ms)
{
	uint32_t waited = 0;

	if (vdev->live)
		return 0;
	for (;;) {
		if (rr_vdev_driver_ok(vdev))
			return rr_vdev_setup(vdev);
		if (timeout_ms != RR_WAIT_FOREVER && waited >= timeout_ms)
			return -RR_ETIMEDOUT;
		rr_port_alive();
		rr_port_wait(RR_VDEV_POLL_MS);
		waited += RR_VDEV_POLL_MS;
	}
}

/**
 * rr_vdev_check_reset() - notice that Linux reset the device
 * @vdev: the vdev
 *
 * Linux writes status 0 when its driver goes away and zeroes fresh rings
 * when it comes back; a used index that no longer matches ours means we
 * slept through both.
 *
 * Return: true if the vdev was live and is not any more.
 */
bool rr_vdev_check_reset(struct rr_vdev *vdev)
{
	struct rr_vring *vr = &vdev->vring[0];

	if (!vdev->live)
		return false;
	if (rr_vdev_driver_ok(vdev)) {
		rr_port_cache_invalidate(&vr->used->idx, sizeof(uint16_t));
		if (vr->used->idx == vr->used_idx)
			return false;
	}
	vdev->live = false;
	rr_trace_printf("vdev: reset by Linux\n");
	return true;
}
