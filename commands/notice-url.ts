/**
 * The notice dialog's address and its reading back: the text travels in the query string of
 * notice.html on our own origin (a dialog must be on the add-in's domain).
 */
import type { Notice } from "./run-command";

/** Longest message carried (a dialog URL must stay well under the 2,048-character limit). */
const MAX_MESSAGE = 600;

/**
 * URL of notice.html next to `pageUrl` carrying the notice.
 * @example noticeUrl("https://localhost:3000/taskpane.html", { ok: true, title: "销售台账", message: "已生成", sheets: [] })
 */
export function noticeUrl(pageUrl: string, notice: Notice): string {
  const url = new URL("notice.html", pageUrl);
  url.searchParams.set("ok", notice.ok ? "1" : "0");
  url.searchParams.set("title", notice.title);
  const message = notice.message.length > MAX_MESSAGE ? `${notice.message.slice(0, MAX_MESSAGE - 1)}…` : notice.message;
  url.searchParams.set("message", message);
  return url.toString();
}

/** The notice a notice.html URL carries. */
export function readNotice(search: string): { ok: boolean; title: string; message: string } {
  const q = new URLSearchParams(search);
  return { ok: q.get("ok") === "1", title: q.get("title") ?? "", message: q.get("message") ?? "" };
}
