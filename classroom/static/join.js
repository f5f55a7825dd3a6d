// The participant's page: join the room, then tap an option of the open vote.
"use strict";
(() => {
  const { $, t, L, el, api, live } = BK;
  let room = BK.room;
  let token = null;
  let st = { ballot: null };
  let note = "";
  let pending = null;
  const key = () => "bk.tok." + room;

  const render = () => {
    $("roomtag").textContent = room ? t("room") + " " + room : "";
    $("prompt").textContent = st.ballot ? L(st.prompt) : "";
    if (!token) return;
    if (!st.ballot) $("status").textContent = t("waiting");
    else $("status").textContent = st.open ? t("open_hint") : t("closed");
    // Rebuilt only when the ballot or language changes, so a tap is never lost to a redraw.
    BK.keep($("opts"), [BK.lang(), st.ballot].join(), (opts) =>
      (st.options || []).forEach((label, i) => {
        const b = el("button", "opt");
        b.type = "button";
        b.append(el("span", "num", String(i + 1)), el("span", "lbl", L(label)));
        b.onclick = () => vote(i);
        opts.append(b);
      }));
    $("opts").querySelectorAll("button").forEach((b, i) => {
      b.disabled = !st.open;
      b.setAttribute("aria-pressed", String(st.mine === i || pending === i));
    });
    let sent = "";
    if (pending !== null) sent = t("sending");
    else if (st.ballot && st.mine !== null && st.mine !== undefined) sent = t("sent", { n: st.mine + 1 });
    $("sent").textContent = note || sent;
  };

  const fail = (r) => {
    const map = { rate_limited: "too_fast", vote_closed: "closed", stale_ballot: "closed",
      offline: "offline", room_full: "room_full", wrong_room: "wrong_room" };
    note = t(map[r.error] || "error");
  };

  const vote = async (i) => {
    if (!st.open || pending !== null) return;
    pending = i;
    note = "";
    render();
    const r = await api("/api/vote", { room, token, ballot: st.ballot, choice: i });
    pending = null;
    if (r.ok) st.mine = r.mine;
    else if (r.error === "unknown_device") { await join(); return; }
    else { fail(r); refresh(); }
    render();
  };

  const refresh = async () => {
    const r = await api("/api/state?room=" + encodeURIComponent(room) + "&token=" + encodeURIComponent(token));
    if (r.error === "unknown_device") return join();
    if (!r.error) { st = r; note = ""; render(); }
  };

  const join = async (name, announce) => {
    const body = { room, token: localStorage.getItem(key()) };
    if (name !== undefined) body.name = name;
    const r = await api("/api/join", body);
    if (r.error) {
      fail(r);
      if (r.error === "wrong_room") { $("roomform").hidden = false; $("nameform").hidden = true; }
      $("status").textContent = note;
      return false;
    }
    const first = !token;
    token = r.token;
    localStorage.setItem(key(), token);
    st = r;
    note = announce ? t("name_saved") : "";
    $("roomform").hidden = true;
    $("nameform").hidden = false;
    render();
    if (first) live(() => "/ws?room=" + encodeURIComponent(room) + "&token=" + encodeURIComponent(token),
      refresh, (d) => { st = d; render(); });
    return true;
  };

  $("roomform").onsubmit = (e) => {
    e.preventDefault();
    room = $("roomin").value.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 8);
    history.replaceState(null, "", "?r=" + room);
    join();
  };
  $("nameform").onsubmit = (e) => {
    e.preventDefault();
    localStorage.setItem("bk.name", $("name").value);
    join($("name").value, true);
  };
  $("name").value = localStorage.getItem("bk.name") || "";

  BK.start(render).then(() => {
    if (!room) { $("roomform").hidden = false; return; }
    join(localStorage.getItem("bk.name") || undefined);
  });
})();
