/**
 * The fal endpoints the demo world uses: the simulator bills them and `npm run seed` attributes photos to
 * them, so cost per photo in the demo means something. Weights are each model's share of generated photos.
 */
export type DemoModel = {
  endpoint_id: string;
  display_name: string;
  category: string;
  /** Billing unit in usage rows. */
  unit: string;
  /** List price per unit in USD; null = fal has no pricing record for it (the dashboard says "unpriced"). */
  unit_price: number | null;
  /** Unit fal's pricing endpoint reports, when it differs from the usage unit (a price of unknown unit). */
  pricing_unit?: string;
  /** Units billed per generated photo. */
  units_per_photo: number;
  /** Share of the app's photos made with this model (the long tail shares what is left). */
  photo_weight: number;
};

export const DEMO_MODELS: DemoModel[] = [
  {
    endpoint_id: "fal-ai/flux/dev",
    display_name: "FLUX.1 [dev]",
    category: "text-to-image",
    unit: "image",
    unit_price: 0.025,
    units_per_photo: 1,
    photo_weight: 0.42,
  },
  {
    endpoint_id: "fal-ai/flux-pro/v1.1-ultra",
    display_name: "FLUX1.1 [pro] ultra",
    category: "text-to-image",
    unit: "image",
    unit_price: 0.06,
    units_per_photo: 1,
    photo_weight: 0.18,
  },
  {
    endpoint_id: "fal-ai/flux/schnell",
    display_name: "FLUX.1 [schnell]",
    category: "text-to-image",
    unit: "megapixel",
    unit_price: 0.003,
    units_per_photo: 1.05,
    photo_weight: 0.16,
  },
  {
    endpoint_id: "fal-ai/recraft/v3/text-to-image",
    display_name: "Recraft V3",
    category: "text-to-image",
    unit: "image",
    unit_price: 0.04,
    units_per_photo: 1,
    photo_weight: 0.08,
  },
  {
    endpoint_id: "fal-ai/kling-video/v2.1/standard/image-to-video",
    display_name: "Kling 2.1 Standard",
    category: "image-to-video",
    unit: "video",
    unit_price: 0.25,
    pricing_unit: "second",
    units_per_photo: 0.1,
    photo_weight: 0.05,
  },
  {
    endpoint_id: "acme/photobooth-lora",
    display_name: "Photobooth LoRA (private)",
    category: "image-to-image",
    unit: "image",
    unit_price: null,
    units_per_photo: 1,
    photo_weight: 0.06,
  },
];

/** A long tail of rarely used endpoints, so a real account's 50+ models (and 50-id chunking) are exercised. */
export const DEMO_LONG_TAIL: DemoModel[] = Array.from({ length: 56 }, (_, i) => ({
  endpoint_id: `fal-ai/tail-model-${String(i + 1).padStart(2, "0")}`,
  display_name: `Tail model ${i + 1}`,
  category: "text-to-image",
  unit: "image",
  unit_price: 0.01 + (i % 7) * 0.005,
  units_per_photo: 1,
  photo_weight: 0.05 / 56,
}));

export const DEMO_ALL_MODELS: DemoModel[] = [...DEMO_MODELS, ...DEMO_LONG_TAIL];
