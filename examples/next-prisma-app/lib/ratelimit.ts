import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

/** 10 requests per 10 seconds per key. */
export const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, "10 s") });
