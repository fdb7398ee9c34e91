// Journey canvas: stage columns x element lanes of cards. Every text from Python is set with
// textContent or as an attribute value, never parsed as HTML.
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function cardNode(card, labels, send) {
  const node = el("div", "jc-card ev-" + card.evidence, card.text);
  node.draggable = true;
  node.dataset.cardId = String(card.id);
  node.setAttribute("data-testid", "journey-card");
  node.title = labels.evidence + ": " + labels["ev_" + card.evidence] + " (" + card.items + ")";
  node.addEventListener("dragstart", (e) => {
    e.dataTransfer.setData("text/x-card", String(card.id));
    e.dataTransfer.effectAllowed = "move";
    node.classList.add("jc-dragging");
  });
  node.addEventListener("dragend", () => node.classList.remove("jc-dragging"));
  const del = el("button", "jc-del", "×");
  del.title = labels.delete;
  del.setAttribute("aria-label", labels.delete);
  del.addEventListener("click", () => send({ type: "delete", id: card.id, version: card.version }));
  node.appendChild(del);
  return node;
}

function dropIndex(cell, y) {
  const cards = [...cell.querySelectorAll(".jc-card:not(.jc-dragging)")];
  const after = cards.findIndex((c) => y < c.getBoundingClientRect().top + c.offsetHeight / 2);
  return after === -1 ? cards.length : after;
}

function cellNode(stage, lane, cards, labels, send, versions) {
  const cell = el("div", "jc-cell");
  cell.dataset.stage = stage.key;
  cell.dataset.lane = lane.key;
  cell.setAttribute("data-testid", "journey-cell-" + stage.key + "-" + lane.key);
  cards.forEach((card) => cell.appendChild(cardNode(card, labels, send)));
  cell.addEventListener("dragover", (e) => {
    if (![...e.dataTransfer.types].includes("text/x-card")) return;
    e.preventDefault();
    cell.classList.add("jc-over");
  });
  cell.addEventListener("dragleave", () => cell.classList.remove("jc-over"));
  cell.addEventListener("drop", (e) => {
    const id = e.dataTransfer.getData("text/x-card");
    cell.classList.remove("jc-over");
    if (!id) return;
    e.preventDefault();
    const position = dropIndex(cell, e.clientY);
    send({ type: "move", id: Number(id), version: versions[id], stage: stage.key,
      lane: lane.key, position: position });
  });
  return cell;
}

function headNode(stage, order, send) {
  const head = el("div", "jc-head", stage.label);
  head.draggable = true;
  head.setAttribute("data-testid", "journey-stage-" + stage.key);
  head.addEventListener("dragstart", (e) => e.dataTransfer.setData("text/x-stage", stage.key));
  head.addEventListener("dragover", (e) => {
    if (![...e.dataTransfer.types].includes("text/x-stage")) return;
    e.preventDefault();
    head.classList.add("jc-over");
  });
  head.addEventListener("dragleave", () => head.classList.remove("jc-over"));
  head.addEventListener("drop", (e) => {
    const moved = e.dataTransfer.getData("text/x-stage");
    head.classList.remove("jc-over");
    if (!moved || moved === stage.key) return;
    e.preventDefault();
    const keys = order.filter((k) => k !== moved);
    keys.splice(keys.indexOf(stage.key), 0, moved);
    send({ type: "reorder", order: keys });
  });
  return head;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const send = (action) => setTriggerValue("action", action);
  let board = parentElement.querySelector(".jc-board");
  if (!board) {
    board = el("div", "jc-board");
    parentElement.appendChild(board);
  }
  board.replaceChildren();
  const stages = data.stages || [];
  const labels = data.labels || {};
  const order = stages.map((s) => s.key);
  const versions = {};
  (data.cards || []).forEach((c) => { versions[String(c.id)] = c.version; });
  board.style.gridTemplateColumns = "120px repeat(" + stages.length + ", minmax(150px, 1fr))";
  board.appendChild(el("div", "jc-lane", labels.element));
  stages.forEach((s) => board.appendChild(headNode(s, order, send)));
  (data.lanes || []).forEach((lane) => {
    board.appendChild(el("div", "jc-lane", lane.label));
    stages.forEach((stage) => {
      const here = (data.cards || []).filter((c) => c.stage === stage.key && c.lane === lane.key);
      board.appendChild(cellNode(stage, lane, here, labels, send, versions));
    });
  });
  board.appendChild(el("div", "jc-lane", labels.emotion));
  stages.forEach((s) => board.appendChild(el("div", "jc-emotion", s.emotion ?? "–")));
}
