// npm run bench: every benchmark of DESIGN §6, printed as one table. Never part of npm test.
import { benchEslintRules } from "./eslint-rules.js";

const rows = [...(await benchEslintRules())];
console.table(rows);
