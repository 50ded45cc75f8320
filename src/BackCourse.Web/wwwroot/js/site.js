// Small progressive enhancements; every page works without this file.
(function () {
    "use strict";

    // Registration: remember the browser's time zone so week dates show in the learner's own time.
    document.querySelectorAll("input[data-detect-timezone]").forEach(function (input) {
        if (input.value) { return; }
        try {
            input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
        } catch (e) {
            input.value = "";
        }
    });

    // Worksheets: a print button (the print stylesheet gives a clean page).
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () { window.print(); });
    });

    // Lessons complete themselves when the learner reaches the end of the page.
    var completeForm = document.querySelector("form[data-complete-on-end='true']");
    if (completeForm && "IntersectionObserver" in window) {
        var observer = new IntersectionObserver(function (entries) {
            if (!entries.some(function (e) { return e.isIntersecting; })) { return; }
            observer.disconnect();
            var token = completeForm.querySelector("input[name='__RequestVerificationToken']");
            fetch(completeForm.action, {
                method: "POST",
                headers: { "X-Requested-With": "fetch", "X-CSRF-TOKEN": token ? token.value : "" },
                credentials: "same-origin"
            }).then(function (response) {
                if (response.ok) {
                    var done = document.createElement("p");
                    done.className = "done-mark";
                    done.setAttribute("role", "status");
                    done.textContent = "\u2713 You have completed this section.";
                    completeForm.replaceWith(done);
                }
            });
        });
        observer.observe(completeForm);
    }

    // Desk-break timer: counts down, then alerts (and notifies, where allowed) and waits for a restart.
    var timer = document.querySelector("[data-desk-timer]");
    if (timer) {
        var select = timer.querySelector("#timer-interval");
        var display = timer.querySelector("[data-timer-remaining]");
        var start = timer.querySelector("[data-timer-start]");
        var stop = timer.querySelector("[data-timer-stop]");
        var alertBox = timer.querySelector("[data-timer-alert]");
        var endsAt = null, tick = null;
        var saved = window.localStorage ? localStorage.getItem("bc.deskTimer.minutes") : null;
        if (saved) { select.value = saved; }
        var show = function (ms) {
            var total = Math.max(0, Math.round(ms / 1000));
            var m = Math.floor(total / 60), s = total % 60;
            display.textContent = m + ":" + (s < 10 ? "0" : "") + s;
        };
        var reset = function () { show(parseInt(select.value, 10) * 60000); };
        var finish = function () {
            clearInterval(tick); tick = null; endsAt = null;
            start.disabled = false; stop.disabled = true; start.textContent = "Start again";
            alertBox.hidden = false;
            document.title = "Break time! · BackCourse";
            if ("Notification" in window && Notification.permission === "granted") {
                new Notification("Time for a break", { body: "Stand up, move and stretch for a minute." });
            }
        };
        select.addEventListener("change", function () {
            if (window.localStorage) { localStorage.setItem("bc.deskTimer.minutes", select.value); }
            if (!tick) { reset(); }
        });
        start.addEventListener("click", function () {
            if ("Notification" in window && Notification.permission === "default") { Notification.requestPermission(); }
            alertBox.hidden = true;
            document.title = "Desk-break timer · BackCourse";
            endsAt = Date.now() + parseInt(select.value, 10) * 60000;
            start.disabled = true; stop.disabled = false;
            tick = setInterval(function () {
                var left = endsAt - Date.now();
                show(left);
                if (left <= 0) { finish(); }
            }, 1000);
            show(endsAt - Date.now());
        });
        stop.addEventListener("click", function () {
            clearInterval(tick); tick = null; endsAt = null;
            start.disabled = false; stop.disabled = true; start.textContent = "Start";
            reset();
        });
        reset();
    }
})();
