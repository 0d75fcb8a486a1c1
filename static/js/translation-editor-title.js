// wagtail-localize's translation editor writes a few texts that no catalogue reaches, so they stay
// English in a Bulgarian admin:
// - it titles its segment list "<source> to <target> translation" with a template literal in its
//   bundle, not through gettext;
// - each string's comment ("Translated with seed on 3 December 2026") is translated on the server,
//   but its date is Python's strftime (English month names) and its tool name is stored as given.
// This rewrites those text nodes from what the server translated (core/wagtail_hooks.py): the title
// (data-title, with {source} and {target}; the editor's props give the two language names), and,
// in a text node that is exactly one of the comments (data-texts), the date and the seed's tool
// name. React keeps the same text nodes, so the texts survive re-renders; anywhere else (the page
// editor) the script does nothing.
(() => {
  // Wagtail prints insert_editor_js in the page head: read this script's data now, find the editor
  // once the document is parsed.
  const script = document.currentScript;
  const title = script && script.dataset.title;
  let texts = {};
  try {
    texts = JSON.parse((script && script.dataset.texts) || "{}");
  } catch (error) {
    texts = {};
  }
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const months = texts.months || {};
  const englishDate = `(\\d{1,2}) (${Object.keys(months).map(escape).join("|")}) (\\d{4})`;
  // Each comment as a pattern matching a whole text node: {tool_name} any text, {date} a date.
  const comments = (texts.comments || []).map((comment) => {
    const parts = comment.split(/(\{tool_name\}|\{date\})/);
    const names = parts.filter((part) => part === "{tool_name}" || part === "{date}");
    const source = parts
      .map((part) => (part === "{tool_name}" ? "(.+?)" : part === "{date}" ? englishDate : escape(part)))
      .join("");
    return { comment, names, pattern: new RegExp(`^${source}$`) };
  });
  const localDate = (day, month, year) =>
    (texts.date || "{day} {month} {year}")
      .replace("{day}", day)
      .replace("{month}", months[month] || month)
      .replace("{year}", year);
  const rewriteComment = (value) => {
    for (const { comment, names, pattern } of comments) {
      const match = value.match(pattern);
      if (!match) continue;
      let groups = match.slice(1);
      let result = comment;
      for (const name of names) {
        if (name === "{tool_name}") {
          const tool = groups.shift();
          result = result.replace(name, (texts.tools || {})[tool] || tool);
        } else {
          const [day, month, year] = groups.splice(0, 3);
          result = result.replace(name, localDate(day, month, year));
        }
      }
      return result;
    }
    return value;
  };
  const start = () => {
    const editor = document.querySelector(".js-translation-editor[data-props]");
    if (!editor) return;
    let english = null;
    let translated = null;
    try {
      const props = JSON.parse(editor.dataset.props);
      const source = props.sourceLocale && props.sourceLocale.displayName;
      const target = props.locale && props.locale.displayName;
      if (title && source && target) {
        english = `${source} to ${target} translation`;
        translated = title.replace("{source}", source).replace("{target}", target);
      }
    } catch (error) {
      // Without the props, the comments are still rewritten.
    }
    const rewrite = () => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (english !== null && node.nodeValue === english) {
          node.nodeValue = translated;
          continue;
        }
        const rewritten = comments.length ? rewriteComment(node.nodeValue) : node.nodeValue;
        if (rewritten !== node.nodeValue) node.nodeValue = rewritten;
      }
    };
    new MutationObserver(rewrite).observe(editor, { childList: true, subtree: true, characterData: true });
    rewrite();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
