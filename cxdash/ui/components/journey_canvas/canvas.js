// Journey canvas: stage columns x element lanes of cards. Every text from Python is set with
// textContent or as an attribute value, never parsed as HTML. Dragging uses pointer events,
// so it works with a mouse, a pen or a finger.
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function hits(root, x, y, selector) {
  const found = root.elementsFromPoint ? root.elementsFromPoint(x, y)
    : document.elementsFromPoint(x, y);
  return found.map((n) => n.closest && n.closest(selector)).find((n) => n) || null;
}

// Drag node with the pointer; on release over an element matching selector, call onDrop.
function draggable(node, root, selector, onDrop) {
  node.addEventListener("pointerdown", (down) => {
    if (down.button !== 0 || down.target.closest(".jc-del")) return;
    const start = { x: down.clientX, y: down.clientY };
    let dragging = false;
    let over = null;
    const move = (e) => {
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      if (!dragging && Math.hypot(dx, dy) < 5) return;
      dragging = true;
      node.classList.add("jc-dragging");
      node.style.transform = "translate(" + dx + "px," + dy + "px)";
      const target = hits(root, e.clientX, e.clientY, selector);
      if (over && over !== target) over.classList.remove("jc-over");
      over = target;
      if (over) over.classList.add("jc-over");
    };
    const up = (e) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      node.classList.remove("jc-dragging");
      node.style.transform = "";
      if (over) over.classList.remove("jc-over");
      if (dragging && over) onDrop(over, e.clientY);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    down.preventDefault();
  });
}

function dropIndex(cell, y, id) {
  const cards = [...cell.querySelectorAll(".jc-card")].filter((c) => c.dataset.cardId !== id);
  const after = cards.findIndex((c) => {
    const box = c.getBoundingClientRect();
    return y < box.top + box.height / 2;
  });
  return after === -1 ? cards.length : after;
}

function cardNode(card, ctx) {
  const node = el("div", "jc-card ev-" + card.evidence, card.text);
  node.dataset.cardId = String(card.id);
  node.setAttribute("data-testid", "journey-card");
  const lbl = ctx.labels;
  node.title = lbl.evidence + ": " + lbl["ev_" + card.evidence] + " (" + card.items + ")";
  if (ctx.readonly) return node;
  const del = el("button", "jc-del", "×");
  del.title = lbl.delete;
  del.setAttribute("aria-label", lbl.delete);
  del.addEventListener("click", () => ctx.send({ type: "delete", id: card.id,
    version: card.version }));
  node.appendChild(del);
  draggable(node, ctx.root, ".jc-cell", (cell, y) => {
    const position = dropIndex(cell, y, String(card.id));
    ctx.send({ type: "move", id: card.id, version: card.version, stage: cell.dataset.stage,
      lane: cell.dataset.lane, position: position });
  });
  return node;
}

function cellNode(stage, lane, cards, ctx) {
  const cell = el("div", "jc-cell");
  cell.dataset.stage = stage.key;
  cell.dataset.lane = lane.key;
  cell.setAttribute("data-testid", "journey-cell-" + stage.key + "-" + lane.key);
  cards.forEach((card) => cell.appendChild(cardNode(card, ctx)));
  return cell;
}

function headNode(stage, order, ctx) {
  const head = el("div", "jc-head", stage.label);
  head.dataset.stage = stage.key;
  head.setAttribute("data-testid", "journey-stage-" + stage.key);
  if (ctx.readonly) return head;
  draggable(head, ctx.root, ".jc-head", (target) => {
    const onto = target.dataset.stage;
    if (!onto || onto === stage.key) return;
    const keys = order.filter((k) => k !== stage.key);
    const at = keys.indexOf(onto) + (order.indexOf(onto) > order.indexOf(stage.key) ? 1 : 0);
    keys.splice(at, 0, stage.key);
    ctx.send({ type: "reorder", order: keys });
  });
  return head;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let board = parentElement.querySelector(".jc-board");
  if (!board) {
    board = el("div", "jc-board");
    parentElement.appendChild(board);
  }
  board.classList.toggle("jc-readonly", Boolean(data.readonly));
  board.replaceChildren();
  const ctx = {
    root: board.getRootNode(),
    labels: data.labels || {},
    readonly: Boolean(data.readonly),
    send: (action) => setTriggerValue("action", action),
  };
  const stages = data.stages || [];
  const order = stages.map((s) => s.key);
  board.style.gridTemplateColumns = "120px repeat(" + stages.length + ", minmax(150px, 1fr))";
  board.appendChild(el("div", "jc-lane", ctx.labels.element));
  stages.forEach((s) => board.appendChild(headNode(s, order, ctx)));
  (data.lanes || []).forEach((lane) => {
    board.appendChild(el("div", "jc-lane", lane.label));
    stages.forEach((stage) => {
      const here = (data.cards || []).filter((c) => c.stage === stage.key && c.lane === lane.key);
      board.appendChild(cellNode(stage, lane, here, ctx));
    });
  });
  board.appendChild(el("div", "jc-lane", ctx.labels.emotion));
  stages.forEach((s) => board.appendChild(el("div", "jc-emotion", s.emotion ?? "–")));
}
