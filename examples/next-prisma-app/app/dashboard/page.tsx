import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { createPost } from "../actions";

export default async function Dashboard() {
  const session = await auth();
  const posts = session?.user?.id
    ? await prisma.post.findMany({ where: { authorId: session.user.id }, take: 20 })
    : [];
  return (
    <main>
      <form action={createPost}>
        <input name="title" />
        <button type="submit">Create</button>
      </form>
      <ul>
        {posts.map((post) => (
          <li key={post.id}>{post.title}</li>
        ))}
      </ul>
    </main>
  );
}
