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

    // Lessons complete themselves when the learner scrolls to the end (not merely on opening a short page).
    var completeForm = document.querySelector("form[data-complete-on-end='true']");
    if (completeForm && "IntersectionObserver" in window) {
        var armed = false;
        var observer = new IntersectionObserver(function (entries) {
            if (!armed || !entries.some(function (e) { return e.isIntersecting; })) { return; }
            observer.disconnect();
            var token = completeForm.querySelector("input[name='__RequestVerificationToken']");
            fetch(completeForm.action, {
                method: "POST",
                redirect: "manual",
                headers: { "X-Requested-With": "fetch", "X-CSRF-TOKEN": token ? token.value : "" },
                credentials: "same-origin"
            }).then(function (response) {
                if (response.status === 204) {
                    var done = document.createElement("p");
                    done.className = "done-mark";
                    done.setAttribute("role", "status");
                    done.textContent = "\u2713 You have completed this section.";
                    completeForm.replaceWith(done);
                }
            });
        });
        window.addEventListener("scroll", function arm() {
            armed = true;
            window.removeEventListener("scroll", arm);
            observer.unobserve(completeForm);
            observer.observe(completeForm);
        }, { passive: true });
        observer.observe(completeForm);
    }

    // Reflections: a live character count, and drafts saved a moment after the learner stops typing.
    document.querySelectorAll("textarea[data-count-for]").forEach(function (area) {
        var counter = document.getElementById(area.getAttribute("data-count-for"));
        var max = area.getAttribute("maxlength");
        var update = function () { if (counter) { counter.textContent = area.value.length + " of " + max + " characters"; } };
        area.addEventListener("input", update);
        update();
    });
    var autosave = document.querySelector("form[data-autosave]");
    if (autosave) {
        var status = autosave.querySelector("[data-autosave-status]");
        var pending = null;
        var save = function () {
            var data = new FormData(autosave);
            data.set("action", "draft");
            fetch(autosave.action, {
                method: "POST", body: data, redirect: "manual", credentials: "same-origin",
                headers: { "X-Requested-With": "fetch" }
            }).then(function (response) {
                if (status) {
                    status.textContent = response.status === 204
                        ? "Draft saved at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + "."
                        : "Couldn't save the draft just now. Use Save draft before leaving.";
                }
            });
        };
        autosave.addEventListener("input", function () {
            clearTimeout(pending);
            pending = setTimeout(save, 1500);
        });
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
