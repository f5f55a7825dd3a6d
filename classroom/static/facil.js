// The facilitator's page: PIN first; then notes, questions, tally, who voted and the controls.
"use strict";
(() => {
  const { $, t, L, el, api, live, room } = BK;
  const CONTROLS = ["open_vote", "close_vote", "timer_start", "timer_pause", "timer_reset",
    "reveal", "show_questions", "next"];
  const key = "bk.f." + room;
  let ftoken = sessionStorage.getItem(key);
  let v = null;
  let clock = null;
  let ack = "";

  const lines = (x) => (Array.isArray(x) ? x : x ? [x] : []);
  const mmss = (s) => {
    s = Math.max(0, Math.round(s));
    return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  };

  const render = () => {
    $("roomtag").textContent = room ? t("room") + " " + room : "";
    BK.keep($("ctl"), BK.lang(), (ctl) => CONTROLS.forEach((k) => {
      const b = el("button", "ctl", t("c_" + k));
      b.type = "button";
      b.dataset.cmd = k;
      b.onclick = () => send(k);
      ctl.append(b);
    }));
    $("ack").textContent = ack;
    if (!v) return;
    const s = v.state || {};
    const b = v.ballot || {};
    const tl = v.tally || { counts: [] };
    $("ftitle").textContent = L(s.title);
    $("vstate").textContent = b.ballot ? t(tl.open ? "vote_open" : "vote_closed") : t("no_vote");
    $("fprompt").textContent = b.ballot ? L(b.prompt) : "";
    const bars = $("bars");
    bars.textContent = "";
    const opts = b.options || [];
    // The game's split (phones plus hand counts) when it publishes one, else the phones'.
    const counts = Array.isArray(s.counts) && s.counts.length === opts.length ? s.counts : tl.counts;
    const most = Math.max(1, ...counts);
    opts.forEach((o, i) => {
      const row = el("div", "bar");
      const fill = el("span", "fill");
      fill.style.width = Math.round((100 * (counts[i] || 0)) / most) + "%";
      row.append(el("span", "num", String(i + 1)), el("span", "lbl", L(o)),
        el("b", "cnt", String(counts[i] || 0)), fill);
      bars.append(row);
    });
    const people = v.people || [];
    $("voted").textContent = t("voted_of", { v: tl.voters || 0, n: people.length });
    const top = Math.max(0, ...counts);
    const leaders = top ? counts.map((c, i) => (c === top ? i : -1)).filter((i) => i >= 0) : [];
    const tie = b.ballot && !tl.open && leaders.length > 1 && s.played == null;
    $("tie").hidden = !tie;
    BK.keep($("tiebtns"), [BK.lang(), b.ballot, tie && leaders].join(), (box) => {
      if (tie) leaders.forEach((i) => {
        const btn = el("button", "ctl", String(i + 1) + ". " + L(b.options[i]));
        btn.type = "button";
        btn.onclick = () => send("tie_pick", i);
        box.append(btn);
      });
    });
    const notes = $("notes");
    notes.textContent = "";
    lines(s.notes).forEach((n) => notes.append(el("p", "", L(n))));
    const qs = $("questions");
    qs.textContent = "";
    lines(s.questions).forEach((n) => qs.append(el("li", "", L(n))));
    const ul = $("people");
    ul.textContent = "";
    people.forEach((p) => {
      const li = el("li", p.voted ? "yes" : "no", (p.voted ? "✓ " : "– ") + (p.name || t("anon") + " #" + p.device));
      ul.append(li);
    });
    const tm = s.timer;
    clearInterval(clock);
    if (tm && typeof tm.remaining === "number") {
      let left = tm.remaining;
      $("clock").textContent = mmss(left);
      $("tstate").textContent = t(tm.running ? "timer_running" : "timer_paused");
      if (tm.running) clock = setInterval(() => { left -= 1; $("clock").textContent = mmss(left); }, 1000);
    }
  };

  const send = async (kind, arg) => {
    const r = await api("/api/facil/command", { ftoken, kind, arg });
    ack = r.ok ? t("queued") : t(r.error === "wrong_pin" ? "wrong_pin" : "error");
    if (r.error === "wrong_pin") return out();
    render();
  };

  const show = (d) => {
    v = d;
    $("login").hidden = true;
    $("panel").hidden = false;
    render();
  };

  const out = () => {
    ftoken = null;
    v = null;
    sessionStorage.removeItem(key);
    $("panel").hidden = true;
    $("login").hidden = false;
    return true;
  };

  const poll = async () => {
    const r = await api("/api/facil/state?ftoken=" + encodeURIComponent(ftoken));
    if (r.error === "wrong_pin") out();
    else if (!r.error) show(r);
  };

  const go = () => live(() => "/ws/f?ftoken=" + encodeURIComponent(ftoken), poll, show, () => !ftoken);

  $("login").onsubmit = async (e) => {
    e.preventDefault();
    const r = await api("/api/facil/login", { room, pin: $("pin").value });
    if (r.error) {
      $("loginerr").textContent = t(r.error === "wrong_pin" ? "wrong_pin" : r.error === "rate_limited" ? "too_fast" : r.error === "wrong_room" ? "wrong_room" : "error");
      return;
    }
    ftoken = r.ftoken;
    sessionStorage.setItem(key, ftoken);
    $("pin").value = "";
    $("loginerr").textContent = "";
    show(r);
    go();
  };

  BK.start(render).then(() => {
    if (ftoken) { poll(); go(); } else $("login").hidden = false;
  });
})();
