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
        fetch(button.getAttribute("data-check-url"), {method: "POST", headers: {"Accept": "application/json"}})
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
}());
