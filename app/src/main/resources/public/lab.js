// Lab page: the "Check" buttons post to the labs API and show each check's result in place.
// Results are written with textContent only: messages quote what AWS returned.
(function () {
    "use strict";

    function show(container, run) {
        run.checks.forEach(function (result) {
            var item = container.querySelector('[data-check="' + result.id + '"]');
            if (!item) {
                return;
            }
            item.classList.toggle("passed", result.passed);
            item.classList.toggle("failed", !result.passed);
            item.querySelector(".check-status").textContent = result.passed ? "✓" : "✗";
            item.querySelector(".check-message").textContent = result.passed ? "" : result.message;
        });
        var total = container.querySelector(".check-total");
        if (total) {
            total.textContent = run.passed + " of " + run.total + " checks passed.";
        }
    }

    // Hints are progressive: the next one appears only once the previous one has been opened.
    document.querySelectorAll(".lab-step").forEach(function (step) {
        var hints = step.querySelectorAll("details.lab-hint");
        hints.forEach(function (hint, index) {
            if (index > 0) {
                hint.hidden = true;
            }
            hint.addEventListener("toggle", function () {
                if (hint.open && hints[index + 1]) {
                    hints[index + 1].hidden = false;
                }
            });
        });
    });

    document.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-check-url]");
        if (!button) {
            return;
        }
        var container = button.parentElement;
        button.disabled = true;
        var label = button.textContent;
        button.textContent = "Checking…";
        fetch(button.getAttribute("data-check-url"), {method: "POST", headers: {"Accept": "application/json", "Content-Type": "application/json"}, body: "{}"})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("The check could not run (HTTP " + response.status + ").");
                }
                return response.json();
            })
            .then(function (run) { show(container, run); })
            .catch(function (error) {
                var total = container.querySelector(".check-total") || container.querySelector(".check-message");
                if (total) {
                    total.textContent = error.message;
                }
            })
            .finally(function () {
                button.disabled = false;
                button.textContent = label;
            });
    });

    // "Clean up for me": starts the clean-up on the server, then follows its log until it finishes.
    var cleanup = document.querySelector(".cleanup-run");
    if (cleanup) {
        var url = cleanup.getAttribute("data-cleanup-url");
        var cleanupButton = cleanup.querySelector("button[data-cleanup]");
        var state = cleanup.querySelector(".cleanup-state");
        var logList = cleanup.querySelector(".cleanup-log");
        var leftoverList = cleanup.querySelector(".cleanup-leftovers");

        var render = function (status) {
            if (!status || status.state === "none") {
                return;
            }
            logList.textContent = "";
            status.log.forEach(function (line) {
                var item = document.createElement("li");
                item.textContent = line;
                logList.appendChild(item);
            });
            leftoverList.textContent = "";
            (status.leftovers || []).forEach(function (leftover) {
                var item = document.createElement("li");
                item.textContent = leftover.resource + (leftover.reason ? ": " + leftover.reason : "");
                leftoverList.appendChild(item);
            });
            var running = status.state === "running";
            cleanupButton.disabled = running;
            cleanup.classList.toggle("running", running);
            cleanup.classList.toggle("clean", !running && status.leftovers.length === 0);
            cleanup.classList.toggle("left-over", !running && status.leftovers.length > 0);
            state.textContent = running ? "Cleaning up…"
                : status.leftovers.length === 0 ? "Done: nothing of this lab is left" + (status.deleted > 0
                    ? " (" + status.deleted + " tagged resource" + (status.deleted === 1 ? "" : "s") + " deleted)." : ".")
                : status.leftovers.length + " left to delete by hand:";
            if (running) {
                window.setTimeout(follow, 1500);
            }
        };

        var fail = function (error) {
            cleanupButton.disabled = false;
            state.textContent = error.message;
        };

        var read = function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    throw new Error(body.message || "The clean-up could not start (HTTP " + response.status + ").");
                }
                return body;
            });
        };

        var follow = function () {
            fetch(url, {headers: {"Accept": "application/json"}}).then(read).then(render).catch(fail);
        };

        cleanupButton.addEventListener("click", function () {
            cleanupButton.disabled = true;
            state.textContent = "Starting the clean-up…";
            fetch(url, {method: "POST", headers: {"Accept": "application/json", "Content-Type": "application/json"},
                body: "{}"}).then(read).then(render).catch(fail);
        });
        follow();
    }
}());
