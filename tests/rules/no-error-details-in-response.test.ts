import rule from "../../lib/rules/no-error-details-in-response.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("no-error-details-in-response", rule, {
  valid: [
    {
      name: "a helper module that builds error responses: no route file, no server action, so no request boundary",
      filename: "lib/api/errors.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function withErrors(run: () => Promise<Response>) {
          try {
            return await run();
          } catch (error) {
            return NextResponse.json({ message: (error as Error).message }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "the error object itself as a JSON body (JSON.stringify(error), NextResponse.json(error)): serialized to {}",
      filename: "app/api/mux/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST(req: Request) {
          try {
            const res = await fetch("https://api.mux.com/video/v1/uploads", { method: "POST" });
            return NextResponse.json(await res.json());
          } catch (error) {
            return new Response(JSON.stringify(error), { status: 500 });
          }
        }
        export async function GET() {
          try {
            return NextResponse.json(await (await fetch("https://api.mux.com/video/v1/assets")).json());
          } catch (error) {
            return NextResponse.json(error, { status: 500 });
          }
        }
      `,
    },
    {
      name: "an Error object inside a JSON body: JSON drops its message and stack (not enumerable)",
      filename: "pages/api/users.ts",
      code: `
        export default async function handler(req, res) {
          try {
            res.json(await prisma.user.findMany({ take: 10 }));
          } catch (error) {
            res.status(500).json({ error });
          }
        }
      `,
    },
    {
      name: "JSON.stringify({ error }) and a server action result that carries the error object",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function getUsage(userId: string) {
          try {
            return { count: await countMessages(userId), error: null };
          } catch (err) {
            const error = err instanceof Error ? err : new Error("Failed to count");
            return { count: undefined, error };
          }
        }
        export async function GET() {
          try {
            return Response.json(await prisma.user.findMany({ take: 10 }));
          } catch (error) {
            return new Response(JSON.stringify({ error }), { status: 500 });
          }
        }
      `,
    },
    {
      name: "the error is logged and a generic message is sent",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST(req: Request) {
          try {
            return NextResponse.json(await createPost(await req.json()), { status: 201 });
          } catch (error) {
            console.error("create post failed", error);
            return NextResponse.json({ error: "Internal Server Error", message: "Could not create the post" }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "Zod issues in a 400 response",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { z } from "zod";
        export async function POST(req: Request) {
          try {
            const data = PostSchema.parse(await req.json());
            return NextResponse.json(await save(data));
          } catch (error) {
            if (error instanceof z.ZodError) {
              return NextResponse.json({ error: error.issues, fields: error.flatten().fieldErrors }, { status: 400 });
            }
            return NextResponse.json({ error: "Internal Server Error" }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "an AppError narrowed by instanceof may send its message with a 4xx status",
      filename: "app/api/users/[id]/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function DELETE(_req: Request, { params }) {
          try {
            await deleteUser((await params).id);
            return new NextResponse(null, { status: 204 });
          } catch (error) {
            if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: error.status });
            if (error instanceof NotFoundError) return NextResponse.json({ error: error.message }, { status: 404 });
            return NextResponse.json({ error: "Internal Server Error" }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "an error re-thrown unless it is an HttpError",
      filename: "pages/api/invite.ts",
      code: `
        export default async function handler(req, res) {
          try {
            res.status(200).json(await invite(req.body));
          } catch (err) {
            if (!(err instanceof HttpError)) throw err;
            res.status(err.statusCode).json({ message: err.message });
          }
        }
      `,
    },
    {
      name: "details only in development",
      filename: "app/api/reports/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function GET() {
          try {
            return NextResponse.json(await buildReport());
          } catch (error) {
            return NextResponse.json(
              { error: "Report failed", details: process.env.NODE_ENV === "development" ? (error as Error).message : undefined },
              { status: 500 },
            );
          }
        }
      `,
    },
    {
      name: "a shared error helper outside any boundary, and a helper called with the error",
      filename: "app/api/projects/route.ts",
      code: `
        import { NextResponse } from "next/server";
        function toResponse(error: Error) {
          return NextResponse.json({ error: error.message }, { status: 500 });
        }
        export async function GET() {
          try {
            return NextResponse.json(await listProjects());
          } catch (error) {
            return NextResponse.json({ error: getErrorMessage(error) }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "a safeParse error is not a caught error",
      filename: "app/api/comments/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST(req: Request) {
          const result = CommentSchema.safeParse(await req.json());
          if (!result.success) return NextResponse.json({ error: result.error.message }, { status: 400 });
          const { error } = await sendEmail(result.data);
          return NextResponse.json({ ok: !error });
        }
      `,
    },
    {
      name: "a server action that throws (Next.js hides thrown messages) or returns a code",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function createTeam(formData: FormData) {
          try {
            await prisma.team.create({ data: { name: String(formData.get("name")) } });
          } catch (error) {
            if (error.code === "P2002") return { error: "A team with this name exists", code: error.code };
            throw new Error(error.message);
          }
        }
      `,
    },
    {
      name: "a Supabase error outside a 5xx response",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function listPosts() {
          const supabase = await createClient();
          const { data, error } = await supabase.from("posts").select("*").limit(20);
          if (error) return NextResponse.json({ error: "Could not load posts" }, { status: 500 });
          return data;
        }
      `,
    },
    {
      name: "a catch in a file that is not a boundary",
      filename: "lib/jobs/sync.ts",
      code: `
        export async function sync(res) {
          try {
            await run();
          } catch (error) {
            res.status(500).json({ error: error.message });
          }
        }
      `,
    },
    {
      name: "the error's name and code are not details",
      filename: "app/api/upload/route.ts",
      code: `
        export async function POST() {
          try {
            return Response.json(await upload());
          } catch (error) {
            return Response.json({ error: "Upload failed", type: error.name, code: error.code }, { status: 500 });
          }
        }
      `,
    },
    {
      name: "a 400 after a try that only verifies the webhook signature (Stripe's documented pattern)",
      filename: "app/api/webhooks/stripe/route.ts",
      code: `
        export async function POST(req: Request) {
          let event;
          try {
            if (!secret) return new Response("Webhook secret not found.", { status: 400 });
            event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature"), secret);
            console.log("webhook received", event.type);
          } catch (err) {
            return new Response(\`Webhook Error: \${err.message}\`, { status: 400 });
          }
          return Response.json({ received: true, type: event.type });
        }
      `,
    },
    {
      name: "a 400 after a try that only validates, and a message the code compares with its own text",
      filename: "pages/api/teams/[teamId]/folders/move.ts",
      code: `
        export default async function handler(req, res) {
          let name: string;
          try {
            name = validateContent(req.body.name);
          } catch (error) {
            return res.status(400).json({ error: { message: (error as Error).message || "Invalid name" } });
          }
          try {
            await moveFolders(name);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith("MOVE_DUPLICATE_NAMES:")) {
              const names = error.message.slice("MOVE_DUPLICATE_NAMES:".length);
              return res.status(409).json({ message: \`Duplicate names in the target folder: \${names}\` });
            }
            return res.status(500).end("Failed to move folder");
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: "an OpenAI error object as the JSON body (its status, response headers and error body are own fields)",
      filename: "app/api/ai/route.ts",
      code: `
import OpenAI from "openai";
const openai = new OpenAI();
export async function POST(req: Request) {
  try {
    return Response.json(await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] }));
  } catch (e) {
    return Response.json(e, { status: 500 });
  }
}
      `,
      errors: [{ messageId: "errorDetails", data: { what: "the caught error" }, line: 8, column: 26, endLine: 8, endColumn: 27 }],
    },
    {
      name: "the caught error's message in a 500",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST(req: Request) {
          try {
            return NextResponse.json(await createPost(await req.json()), { status: 201 });
          } catch (error) {
            return NextResponse.json({ error: error instanceof Error ? error.message : "Unknown error" }, { status: 500 });
          }
        }
      `,
      errors: [
        {
          messageId: "errorDetails",
          data: { what: "the caught error's `message`" },
          line: 7,
          column: 72,
          endLine: 7,
          endColumn: 85,
        },
      ],
    },
    {
      name: "a template with the message in a 400 built inside a catch that does more than check input",
      filename: "app/api/webhooks/stripe/route.ts",
      code: `
        export async function POST(req: Request) {
          try {
            const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature"), secret);
            await prisma.subscription.update({ where: { id: event.data.object.id }, data: { status: "active" } });
          } catch (err) {
            return new Response(\`Webhook Error: \${err.message}\`, { status: 400 });
          }
          return Response.json({ received: true });
        }
      `,
      errors: [{ messageId: "errorDetails", line: 7, column: 51, endLine: 7, endColumn: 62 }],
    },
    {
      name: "one report for err instanceof Error ? err.message : String(err)",
      filename: "app/api/watch/route.ts",
      code: `
        export async function POST() {
          try {
            await unwatch();
          } catch (error) {
            return Response.json({ error: "Failed", details: error instanceof Error ? error.message : String(error) }, { status: 500 });
          }
        }
      `,
      errors: [{ messageId: "errorDetails", line: 6, column: 87, endLine: 6, endColumn: 100 }],
    },
    {
      name: "a message held in a const, reported where it enters the response",
      filename: "app/api/reports/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export const GET = withWorkspace(async ({ workspace }) => {
          try {
            return NextResponse.json(await buildReport(workspace.id));
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            return NextResponse.json({ message }, { status: 500 });
          }
        });
      `,
      errors: [{ messageId: "errorDetails", data: { what: "the caught error's `message`" }, line: 8, column: 40, endLine: 8, endColumn: 47 }],
    },
    {
      name: "a server action returns the message",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function deleteProject(id: string) {
          try {
            await prisma.project.delete({ where: { id } });
            return { ok: true };
          } catch (error) {
            return { ok: false, error: (error as Error).message };
          }
        }
      `,
      errors: [{ messageId: "errorDetails", line: 8, column: 40, endLine: 8, endColumn: 64 }],
    },
    {
      name: "a file that uses Axios sends its error object (toJSON() serializes message, stack and request headers)",
      filename: "pages/api/users.ts",
      code: `
        import axios from "axios";
        export default async function handler(req, res) {
          try {
            const { data } = await axios.get("https://api.example.com/users", { headers: { Authorization: process.env.API_KEY } });
            res.json(data);
          } catch (error) {
            res.status(500).json({ error });
          }
        }
      `,
      errors: [{ messageId: "errorDetails", data: { what: "the caught error" }, line: 8, column: 36, endLine: 8, endColumn: 41 }],
    },
    {
      name: "the error object itself as the body of a text response",
      filename: "app/api/users/route.ts",
      code: `
        export async function GET() {
          try {
            return Response.json(await prisma.user.findMany({ take: 10 }));
          } catch (error) {
            return new Response(error as string, { status: 500 });
          }
        }
      `,
      errors: [{ messageId: "errorDetails", data: { what: "the caught error" }, line: 6, column: 33, endLine: 6, endColumn: 38 }],
    },
    {
      name: "Hono c.json(body, 500) with String(e)",
      filename: "src/routes/users.ts",
      code: `
        import { Hono } from "hono";
        const app = new Hono();
        app.post("/users", async (c) => {
          try {
            return c.json(await createUser(await c.req.json()), 201);
          } catch (e) {
            return c.json({ error: String(e) }, 500);
          }
        });
      `,
      errors: [{ messageId: "errorDetails", line: 8, column: 43, endLine: 8, endColumn: 44 }],
    },
    {
      name: "a Supabase error's message in a 500",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function GET() {
          const supabase = await createClient();
          const { data, error: dbError } = await supabase.from("posts").select("*").limit(50);
          if (dbError) return NextResponse.json({ error: dbError.message, hint: dbError.hint }, { status: 500 });
          return NextResponse.json(data);
        }
      `,
      errors: [
        { messageId: "errorDetails", data: { what: "the database error's `message`" }, line: 6, column: 58, endLine: 6, endColumn: 73 },
        { messageId: "errorDetails", data: { what: "the database error's `hint`" }, line: 6, column: 81, endLine: 6, endColumn: 93 },
      ],
    },
    {
      name: "a .catch callback sends the stack",
      filename: "app/api/export/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function GET() {
          return buildExport()
            .then((file) => new NextResponse(file))
            .catch((err) => NextResponse.json({ stack: err.stack }, { status: 500 }));
        }
      `,
      errors: [{ messageId: "errorDetails", data: { what: "the caught error's `stack`" }, line: 6, column: 56, endLine: 6, endColumn: 65 }],
    },
    {
      name: "an AppError with a 500 status still leaks",
      filename: "app/api/billing/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST() {
          try {
            return NextResponse.json(await charge());
          } catch (error) {
            if (error instanceof StripeError) return NextResponse.json({ error: error.message }, { status: 502 });
            throw error;
          }
        }
      `,
      errors: [{ messageId: "errorDetails", line: 7, column: 81, endLine: 7, endColumn: 94 }],
    },
    {
      name: "next-safe-action returns a destructured message",
      filename: "lib/actions/rename.ts",
      code: `
        export const renameProject = authActionClient.schema(RenameSchema).action(async ({ parsedInput }) => {
          try {
            await rename(parsedInput);
          } catch ({ message }) {
            return { failure: message };
          }
        });
      `,
      errors: [{ messageId: "errorDetails", line: 6, column: 31, endLine: 6, endColumn: 38 }],
    },
  ],
});
