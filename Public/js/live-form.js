// The scheduling form: the meeting link is asked for only when the class is held elsewhere.
// Without this script the field is always shown (and ignored for the other places).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("link");
    var radios = document.querySelectorAll("input[name=provider]");
    if (!link || radios.length === 0) return;
    var field = link.closest(".field");
    function update() {
      var chosen = document.querySelector("input[name=provider]:checked");
      var external = chosen && chosen.value === "external";
      field.hidden = !external;
      link.required = !!external;
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });
})();
