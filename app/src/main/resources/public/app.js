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

    // Selects the code so that the learner can copy it by hand, and tries the older copy command.
    function selectForCopy(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try {
            return document.execCommand('copy');
        } catch (e) {
            return false;
        }
    }

    // Copies an element's text and says so on its button; shared with the console (window.ecslabs).
    function copyText(element, button) {
        var done = function (label) {
            button.textContent = label;
            setTimeout(function () { button.textContent = 'Copy'; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(element.innerText).then(function () { done('Copied'); },
                function () { done(selectForCopy(element) ? 'Copied' : 'Press Ctrl+C'); });
        } else {
            // Plain http on a classroom server is not a secure context: no Clipboard API.
            done(selectForCopy(element) ? 'Copied' : 'Press Ctrl+C');
        }
    }

    window.ecslabs = window.ecslabs || {};
    window.ecslabs.copyText = copyText;

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
                copyText(code, button);
            });
            pre.classList.add('has-copy');
            pre.appendChild(button);
        });
    }

    // Mermaid writes inline styles while it draws, which this site's Content-Security-Policy
    // (style-src 'self') blocks. Each diagram is therefore drawn inside a same-origin frame,
    // /diagram-frame, whose own policy allows inline styles (and still only our scripts).
    function renderMermaid() {
        document.querySelectorAll('pre > code.language-mermaid').forEach(function (code, index) {
            var pre = code.parentElement;
            var figure = document.createElement('figure');
            figure.className = 'diagram';
            var frame = document.createElement('iframe');
            frame.className = 'diagram-frame';
            frame.title = 'Diagram ' + (index + 1);
            frame.src = '/diagram-frame';
            frame.addEventListener('load', function () {
                var view = frame.contentWindow;
                var fit = function () {
                    frame.style.height = Math.ceil(view.diagramHeight()) + 'px';
                };
                view.renderDiagram(code.textContent).then(function () {
                    fit();
                    figure.classList.add('rendered');
                    window.addEventListener('resize', fit);
                }, function (error) {
                    figure.replaceWith(pre);
                    pre.classList.add('diagram-error');
                    pre.title = 'This diagram could not be drawn: ' + error;
                });
            });
            figure.appendChild(frame);
            pre.replaceWith(figure);
        });
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
