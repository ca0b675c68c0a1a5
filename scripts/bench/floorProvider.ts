/**
 * Contender (c), the engine floor: a dynamic resource whose provider makes no request at all,
 * with no inputs and no outputs, so that its state is as small as a dynamic resource's can be
 * (the serialized provider, stored twice, and the engine's own fields). Destroy and refresh have
 * no hook: the provider process answers them without calling any code of ours.
 */
import * as pulumi from "@pulumi/pulumi";

export const floorProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: Math.random().toString(36).slice(2, 10) };
  },
};

/** One no-op resource. */
export class FloorResource extends pulumi.dynamic.Resource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(floorProvider, name, {}, opts, "bench", "Floor");
  }
}
