import { z } from "zod";

export const CreatePostSchema = z.object({
  title: z.string().min(1).max(200),
  content: z.string().max(10_000).optional(),
});

export const TagPostsSchema = z.object({
  postIds: z.array(z.string().cuid()).max(100),
  tag: z.string().min(1).max(50),
});

export const PostIdSchema = z.string().cuid();

export const CreateTagSchema = z.object({
  name: z.string().min(1).max(50),
});

export const UploadPostSchema = z.object({
  title: z.string().min(1).max(200),
  image: z.instanceof(File).refine((file) => file.size <= 5_000_000, "Images must be 5 MB or less."),
});

export const BillingEventSchema = z.object({
  type: z.string(),
  email: z.string().email(),
});
