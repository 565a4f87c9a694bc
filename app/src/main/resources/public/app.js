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

    // Exam pages: the server computes the seconds left; this only counts them down and, at zero,
    // submits the form so the answer on screen is saved and the exam is scored. Without script the
    // server still submits on the next request after the deadline.
    function examTimer() {
        var timer = document.getElementById('exam-timer');
        if (!timer) {
            return;
        }
        var left = parseInt(timer.dataset.secondsLeft, 10);
        var end = Date.now() + left * 1000;
        var form = document.getElementById('exam-form') || document.getElementById('finish-form');
        var format = function (seconds) {
            var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
            var pad = function (n) { return (n < 10 ? '0' : '') + n; };
            return h > 0 ? h + ':' + pad(m) + ':' + pad(s) : m + ':' + pad(s);
        };
        var submitted = false;
        var tick = function () {
            var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
            timer.textContent = format(seconds);
            timer.classList.toggle('low', seconds <= 60);
            if (seconds === 0 && form && !submitted) {
                submitted = true;
                var go = document.createElement('input');
                go.type = 'hidden';
                go.name = 'go';
                go.value = 'submit';
                form.appendChild(go);
                form.submit();
                return;
            }
            setTimeout(tick, 1000);
        };
        tick();
    }

    // Exam pages save on every navigation (plain form posts). With script, a change is also saved
    // at once, so a reload right after ticking an option or the flag keeps it.
    function examAutosave() {
        var form = document.getElementById('exam-form');
        if (!form || !window.fetch) {
            return;
        }
        form.addEventListener('change', function () {
            var data = new URLSearchParams(new FormData(form));
            data.set('go', 'stay');
            fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin', redirect: 'manual'})
                .catch(function () { /* the next navigation saves it */ });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        highlight();
        addCopyButtons();
        renderMermaid();
        examTimer();
        examAutosave();
    });
})();
