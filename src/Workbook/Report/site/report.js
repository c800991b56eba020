// Typesets the pages' math with KaTeX and highlights their C# with highlight.js, both vendored next to this file.
// Markdig marks math as <span class="math">\(...\)</span> and <div class="math">\[...\]</div>; nothing else on the
// page (code, outputs) is searched for dollar signs.
(function () {
  'use strict';
  var report = window.lowrankReportError || function (message) { console.error(message); };

  function typeset() {
    if (!window.katex) { report('KaTeX did not load'); return; }
    // One macro table for the page, so a \newcommand in one cell serves the cells after it, as in Jupyter.
    var macros = {};
    document.querySelectorAll('.math').forEach(function (element) {
      var tex = element.textContent.trim();
      var display = element.tagName === 'DIV' || element.classList.contains('display');
      var delimited = /^\\\(([\s\S]*)\\\)$/.exec(tex) || /^\\\[([\s\S]*)\\\]$/.exec(tex);
      if (delimited) {
        display = display || tex.charAt(1) === '[';
        tex = delimited[1];
      }
      try {
        katex.render(tex, element, { displayMode: display, throwOnError: true, macros: macros, globalGroup: true });
      } catch (e) {
        element.classList.add('math-error');
        report('KaTeX: ' + e.message);
      }
    });
  }

  function highlight() {
    if (!window.hljs) { report('highlight.js did not load'); return; }
    document.querySelectorAll('pre code.language-csharp').forEach(function (code) { hljs.highlightElement(code); });
  }

  typeset();
  highlight();
  document.documentElement.setAttribute('data-rendered', 'true');
})();
