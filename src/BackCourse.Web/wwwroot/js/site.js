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

    // Authoring: a live preview of Markdown, rendered by the server exactly as learners will see it.
    document.documentElement.classList.add("js");
    var token = function () {
        var input = document.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    };
    document.querySelectorAll("textarea[data-markdown-source]").forEach(function (source) {
        var target = document.querySelector(source.getAttribute("data-markdown-source"));
        if (!target) { return; }
        var timer = null;
        var render = function () {
            var body = new FormData();
            body.set("markdown", source.value);
            fetch("/admin/course/markdown-preview", {
                method: "POST", body: body, credentials: "same-origin",
                headers: { "X-Requested-With": "fetch", "X-CSRF-TOKEN": token() }
            }).then(function (response) {
                return response.ok ? response.text() : null;
            }).then(function (html) {
                // The server's renderer escapes raw HTML and neutralises unsafe links, as on learners' pages.
                if (html !== null) { target.innerHTML = html; }
            });
        };
        source.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(render, 300);
        });
        source._renderPreview = render;
    });

    // Image upload without leaving the editor: the Markdown line goes where the cursor was.
    document.querySelectorAll("form[data-image-upload]").forEach(function (form) {
        var area = document.querySelector(form.getAttribute("data-image-upload"));
        var status = form.querySelector("[data-upload-status]");
        form.addEventListener("submit", function (event) {
            if (!area) { return; }
            event.preventDefault();
            status.textContent = "Uploading…";
            fetch(form.action, {
                method: "POST", body: new FormData(form), credentials: "same-origin",
                headers: { "X-Requested-With": "fetch" }
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                if (!result.ok) { status.textContent = result.data.error || "The image couldn't be uploaded."; return; }
                var at = area.selectionStart || area.value.length;
                var line = "\n\n" + result.data.markdown + "\n\n";
                area.value = area.value.slice(0, at) + line + area.value.slice(at);
                if (area._renderPreview) { area._renderPreview(); }
                status.textContent = "Uploaded and added to the text. Save to keep it.";
                form.reset();
            }).catch(function () { status.textContent = "The image couldn't be uploaded. Please try again."; });
        });
    });

    // Editors: changing a question's kind or a tool shows its fields at once.
    document.querySelectorAll("select[data-refresh-on-change]").forEach(function (select) {
        select.addEventListener("change", function () {
            var button = select.parentElement.querySelector("[data-refresh-button]");
            if (button) { button.click(); }
        });
    });

    // Course outline: drag and drop sections within or between weeks (the ↑/↓ and Move buttons do the same).
    var dragged = null;
    var clearMarks = function () {
        document.querySelectorAll(".drop-before").forEach(function (el) { el.classList.remove("drop-before"); });
        document.querySelectorAll(".drop-end").forEach(function (el) { el.classList.remove("drop-end"); });
    };
    document.querySelectorAll("ol.outline-editor").forEach(function (list) {
        list.addEventListener("dragstart", function (event) {
            var item = event.target.closest ? event.target.closest("li[data-section-id]") : null;
            if (!item) { return; }
            dragged = item;
            item.classList.add("dragging");
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", item.getAttribute("data-section-id"));
        });
        list.addEventListener("dragend", function () {
            if (dragged) { dragged.classList.remove("dragging"); }
            dragged = null;
            clearMarks();
        });
        list.addEventListener("dragover", function (event) {
            if (!dragged) { return; }
            event.preventDefault();
            clearMarks();
            var over = event.target.closest ? event.target.closest("li[data-section-id]") : null;
            if (over && over !== dragged) { over.classList.add("drop-before"); } else if (!over) { list.classList.add("drop-end"); }
        });
        list.addEventListener("drop", function (event) {
            if (!dragged) { return; }
            event.preventDefault();
            var over = event.target.closest ? event.target.closest("li[data-section-id]") : null;
            var items = Array.prototype.filter.call(list.querySelectorAll("li[data-section-id]"), function (li) { return li !== dragged; });
            var position = over && over !== dragged ? items.indexOf(over) + 1 : items.length + 1;
            var body = new FormData();
            body.set("week", list.getAttribute("data-week"));
            body.set("position", String(position));
            fetch("/admin/course/sections/" + dragged.getAttribute("data-section-id") + "/move", {
                method: "POST", body: body, credentials: "same-origin",
                headers: { "X-Requested-With": "fetch", "X-CSRF-TOKEN": token() }
            }).then(function (response) {
                if (response.status === 204) { window.location.reload(); }
            });
            clearMarks();
        });
    });
})();
