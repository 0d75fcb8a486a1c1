// wagtail-localize's translation editor titles its segment list "<source> to <target> translation"
// with a template literal in its bundle, not through gettext, so it stays English in a Bulgarian
// admin. This rewrites that one text node from the title the server translated (data-title, with
// {source} and {target}); the editor's props give the two language names. React keeps the same text
// node, so the title survives re-renders; anywhere else (the page editor) the script does nothing.
(() => {
  // Wagtail prints insert_editor_js in the page head: read this script's data now, find the editor
  // once the document is parsed.
  const script = document.currentScript;
  const title = script && script.dataset.title;
  const start = () => {
    const editor = document.querySelector(".js-translation-editor[data-props]");
    if (!title || !editor) return;
    let props;
    try {
      props = JSON.parse(editor.dataset.props);
    } catch (error) {
      return;
    }
    const source = props.sourceLocale && props.sourceLocale.displayName;
    const target = props.locale && props.locale.displayName;
    if (!source || !target) return;
    const english = `${source} to ${target} translation`;
    const translated = title.replace("{source}", source).replace("{target}", target);
    const retitle = () => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue === english) node.nodeValue = translated;
      }
  };
  new MutationObserver(retitle).observe(editor, { childList: true, subtree: true, characterData: true });
  retitle();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
