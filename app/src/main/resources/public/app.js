// Progressive enhancement for lesson pages: highlighting, copy buttons and Mermaid diagrams.
// Loaded from this app only (the Content-Security-Policy forbids inline and third-party scripts).
(function () {
    'use strict';

    function highlight() {
        if (!window.hljs) {
            return;
        }
        document.querySelectorAll('pre > code[class*="language-"]').forEach(function (code) {
            if (!code.classList.contains('language-mermaid')) {
                window.hljs.highlightElement(code);
            }
        });
    }

    function addCopyButtons() {
        document.querySelectorAll('.prose pre > code').forEach(function (code) {
            if (code.classList.contains('language-mermaid')) {
                return;
            }
            var pre = code.parentElement;
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'copy-button';
            button.textContent = 'Copy';
            button.setAttribute('aria-label', 'Copy code to clipboard');
            button.addEventListener('click', function () {
                var done = function (label) {
                    button.textContent = label;
                    setTimeout(function () { button.textContent = 'Copy'; }, 1500);
                };
                if (navigator.clipboard) {
                    navigator.clipboard.writeText(code.innerText).then(function () { done('Copied'); },
                        function () { done('Press Ctrl+C'); });
                } else {
                    done('Press Ctrl+C');
                }
            });
            pre.classList.add('has-copy');
            pre.appendChild(button);
        });
    }

    // Mermaid's SVG carries a <style> element and style attributes. The CSP (style-src 'self')
    // ignores both when they arrive as markup, so the SVG is parsed off-document and its styles are
    // re-applied through the CSSOM (a constructed stylesheet and element.style), which CSP allows.
    function svgWithStyles(svgText) {
        var parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
        if (parsed.nodeName === 'parsererror' || parsed.querySelector('parsererror')) {
            // Not well-formed XML (an HTML entity in a label): the HTML parser is lenient.
            parsed = new DOMParser().parseFromString(svgText, 'text/html').body.firstElementChild;
        }
        parsed.querySelectorAll('style').forEach(function (style) {
            try {
                var sheet = new CSSStyleSheet();
                sheet.replaceSync(style.textContent);
                document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
            } catch (e) {
                // An older browser: the diagram still shows, only less styled.
            }
            style.remove();
        });
        var styled = [];
        [parsed].concat(Array.prototype.slice.call(parsed.querySelectorAll('[style]'))).forEach(function (element) {
            if (element.hasAttribute('style')) {
                styled.push([element, element.getAttribute('style')]);
                element.removeAttribute('style');
            }
        });
        var svg = document.importNode(parsed, true);
        var imported = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('*')));
        var originals = [parsed].concat(Array.prototype.slice.call(parsed.querySelectorAll('*')));
        styled.forEach(function (pair) {
            var index = originals.indexOf(pair[0]);
            if (index >= 0) {
                imported[index].style.cssText = pair[1];
            }
        });
        return svg;
    }

    function renderMermaid() {
        var blocks = document.querySelectorAll('pre > code.language-mermaid');
        if (blocks.length === 0) {
            return;
        }
        var script = document.createElement('script');
        script.src = document.body.dataset.mermaidSrc;
        script.onload = function () {
            window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'neutral',
                flowchart: {htmlLabels: false}});
            blocks.forEach(function (code, index) {
                var figure = document.createElement('figure');
                figure.className = 'diagram';
                var pre = code.parentElement;
                pre.replaceWith(figure);
                window.mermaid.render('mermaid-diagram-' + index, code.textContent).then(function (result) {
                    figure.appendChild(svgWithStyles(result.svg));
                    figure.classList.add('rendered');
                }, function (error) {
                    figure.replaceWith(pre);
                    pre.classList.add('diagram-error');
                    pre.title = 'This diagram could not be drawn: ' + error;
                });
            });
        };
        document.head.appendChild(script);
    }

    document.addEventListener('DOMContentLoaded', function () {
        highlight();
        addCopyButtons();
        renderMermaid();
    });
})();
