// A command box bound to POST /api/console, reusable on any page (the console, a lab step).
//
// Markup: an element with data-console, holding
//   [data-console-input]   a textarea or input for the command (required)
//   [data-console-output]  where the output goes (required)
//   [data-console-form]    a form whose submit runs the command (optional)
//   [data-console-copy]    a button that copies the output (optional)
//   [data-console-example] buttons that put their value in the input (optional)
// and optionally data-console-history="<localStorage key>" to keep the command history, and
// data-console-lab="<lab id>" to run every command in that lab's context (tagged ecslabs:lab=<id>).
// Include <script src="/assets/console.js" defer></script>; boxes are bound on DOMContentLoaded,
// or by hand with EcsLabsConsole.bind(element). EcsLabsConsole.run(command, lab) returns a Promise of
// {exitCode, output}; lab is optional. After every command the document receives a 'console:ran' event whose
// detail is {command, exitCode, output}. Output is always written as text, never as HTML.
(function () {
    'use strict';

    var MAX_HISTORY = 100;

    function run(command, lab) {
        var body = {command: command};
        if (lab) {
            body.lab = lab;
        }
        return fetch('/api/console', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: JSON.stringify(body),
            credentials: 'same-origin'
        }).then(function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    return {exitCode: 255, output: (body && body.message ? body.message : 'HTTP ' + response.status) + '\n'};
                }
                return body;
            }, function () {
                return {exitCode: 255, output: 'The console did not answer (HTTP ' + response.status + ').\n'};
            });
        }, function (error) {
            return {exitCode: 255, output: 'Could not reach the console: ' + error + '\n'};
        }).then(function (result) {
            document.dispatchEvent(new CustomEvent('console:ran', {
                detail: {command: command, exitCode: result.exitCode, output: result.output}
            }));
            return result;
        });
    }

    function loadHistory(key) {
        if (!key) {
            return [];
        }
        try {
            var stored = JSON.parse(window.localStorage.getItem(key) || '[]');
            return Array.isArray(stored) ? stored.filter(function (item) { return typeof item === 'string'; }) : [];
        } catch (e) {
            return [];
        }
    }

    function saveHistory(key, history) {
        if (!key) {
            return;
        }
        try {
            window.localStorage.setItem(key, JSON.stringify(history.slice(-MAX_HISTORY)));
        } catch (e) {
            // Private mode or a full storage: the history then lasts as long as the page.
        }
    }

    function bind(root) {
        if (root.dataset.consoleBound) {
            return;
        }
        root.dataset.consoleBound = 'true';
        var input = root.querySelector('[data-console-input]');
        var output = root.querySelector('[data-console-output]');
        var form = root.querySelector('[data-console-form]');
        var copy = root.querySelector('[data-console-copy]');
        var historyKey = root.getAttribute('data-console-history');
        var lab = root.getAttribute('data-console-lab') || null;
        var history = loadHistory(historyKey);
        var position = history.length;
        var draft = '';
        var busy = false;

        function fit() {
            if (input.tagName === 'TEXTAREA') {
                input.rows = Math.min(12, Math.max(1, input.value.split('\n').length));
            }
        }

        function append(command, result) {
            var entry = document.createElement('div');
            entry.className = 'console-entry' + (result.exitCode === 0 ? '' : ' failed');
            var line = document.createElement('div');
            line.className = 'console-command';
            line.textContent = '$ ' + command;
            var text = document.createElement('div');
            text.className = 'console-text';
            text.textContent = result.output;
            entry.appendChild(line);
            entry.appendChild(text);
            if (result.exitCode !== 0) {
                var code = document.createElement('div');
                code.className = 'console-exit';
                code.textContent = 'exit code ' + result.exitCode;
                entry.appendChild(code);
            }
            output.appendChild(entry);
            while (output.childNodes.length > 50) {
                output.removeChild(output.firstChild);
            }
            output.scrollTop = output.scrollHeight;
        }

        function submit() {
            var command = input.value.trim();
            if (!command || busy) {
                return;
            }
            busy = true;
            root.classList.add('busy');
            if (history[history.length - 1] !== command) {
                history.push(command);
                saveHistory(historyKey, history);
            }
            position = history.length;
            draft = '';
            input.value = '';
            fit();
            run(command, lab).then(function (result) {
                append(command, result);
            }).finally(function () {
                busy = false;
                root.classList.remove('busy');
                input.focus();
            });
        }

        input.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                submit();
            } else if (event.key === 'ArrowUp' && input.value.lastIndexOf('\n', input.selectionStart - 1) < 0) {
                if (position > 0) {
                    if (position === history.length) {
                        draft = input.value;
                    }
                    position--;
                    input.value = history[position];
                    fit();
                    event.preventDefault();
                }
            } else if (event.key === 'ArrowDown' && input.value.indexOf('\n', input.selectionEnd) < 0) {
                if (position < history.length) {
                    position++;
                    input.value = position === history.length ? draft : history[position];
                    fit();
                    event.preventDefault();
                }
            }
        });
        input.addEventListener('input', fit);
        if (form) {
            form.addEventListener('submit', function (event) {
                event.preventDefault();
                submit();
            });
        }
        if (copy) {
            copy.addEventListener('click', function () {
                window.ecslabs.copyText(output, copy);
            });
        }
        root.querySelectorAll('[data-console-example]').forEach(function (button) {
            button.addEventListener('click', function () {
                input.value = button.getAttribute('data-console-example');
                fit();
                input.focus();
            });
        });
        root.consoleBox = {
            run: function (command) {
                return run(command, lab).then(function (result) {
                    append(command, result);
                    return result;
                });
            }
        };
    }

    window.EcsLabsConsole = {run: run, bind: bind};

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[data-console]').forEach(bind);
    });
})();
