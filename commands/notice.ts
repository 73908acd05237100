/**
 * Webpack entry `notice` (notice.html): the dialog a ribbon command opens to tell the clerk what
 * happened. Text only (textContent, never HTML); the close button asks the command to close it.
 */
import { readNotice } from "./notice-url";

Office.onReady(() => {
  const notice = readNotice(window.location.search);
  const title = document.getElementById("title");
  const message = document.getElementById("message");
  const close = document.getElementById("close");
  if (!title || !message || !close) throw new Error("notice.html is missing its elements");
  title.textContent = notice.title;
  message.textContent = notice.message;
  document.body.classList.add(notice.ok ? "ok" : "failed");
  close.addEventListener("click", () => Office.context.ui.messageParent("close"));
});
