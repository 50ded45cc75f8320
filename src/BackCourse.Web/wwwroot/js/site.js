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
})();
