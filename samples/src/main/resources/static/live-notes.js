// Notes saved in another tab appear in this one: the server sends each new note over the
// WebSocket at /notes/live as {"id": ..., "text": ..., "created": ...} (NotesLive.java).
(function () {
  var list = document.querySelector("ul.notes");
  if (!list || !window.WebSocket) return;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/notes/live");
    socket.onmessage = function (event) {
      var note = JSON.parse(event.data);
      if (list.querySelector('[data-id="' + note.id + '"]')) return; // already listed
      var empty = list.querySelector(".empty");
      if (empty) empty.remove();
      var item = document.createElement("li");
      item.dataset.id = note.id;
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = note.text; // text, never HTML
      var time = document.createElement("time");
      time.textContent = note.created;
      item.append(text, " ", time);
      list.prepend(item); // newest first, as the page lists them
    };
    socket.onclose = function () { setTimeout(connect, 2000); }; // e.g. the server restarted
  }
  connect();
})();
