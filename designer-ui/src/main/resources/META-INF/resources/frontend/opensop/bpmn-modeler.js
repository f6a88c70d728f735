// The bridge between bpmn-js and the server-side designer (io.opensop.designer.bpmn.BpmnCanvas).
// bpmn-js owns the diagram; the server reads and writes it only through the functions below, and
// hears about the selection through $server.selectionChanged. Every text shown here is set as text.
import Modeler from 'bpmn-js/lib/Modeler';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

const PROBLEM = 'opensop-problem';
const REJECTED_CODE = 'opensop.rejected';
const STEP_GAP = 150;

const style = document.createElement('style');
style.textContent = `
  opensop-bpmn-modeler { display: block; position: relative; min-height: 320px; }
  opensop-bpmn-modeler .opensop-canvas { position: absolute; inset: 0; background: #fff; }
  .djs-element.${PROBLEM} .djs-visual > :first-child,
  .djs-connection.${PROBLEM} .djs-visual > path { stroke: #d0021b !important; stroke-width: 3px !important; }
  .opensop-problem-note { background: #d0021b; color: #fff; font: 12px sans-serif; padding: 2px 6px;
    border-radius: 4px; width: max-content; max-width: 260px; white-space: pre-line; }
`;
document.head.appendChild(style);

class OpenSopBpmnModeler extends HTMLElement {

  connectedCallback() {
    if (this.modeler) {
      return;
    }
    const canvas = document.createElement('div');
    canvas.className = 'opensop-canvas';
    this.appendChild(canvas);
    this.modeler = new Modeler({ container: canvas, moddleExtensions: { camunda: camundaModdle } });
    const events = this.modeler.get('eventBus');
    events.on('selection.changed', (e) => this._report(e.newSelection[0]));
    events.on('elements.changed', (e) => {
      const selected = this.modeler.get('selection').get()[0];
      if (selected && e.elements.includes(selected)) {
        this._report(selected);
      }
    });
    events.on('commandStack.changed', () => this.$server && this.$server.diagramChanged());
    if (this._pendingXml !== undefined) {
      this.importXml(this._pendingXml);
    }
  }

  // --- reading and writing the whole diagram ---

  async importXml(xml) {
    if (!this.modeler) {
      this._pendingXml = xml;
      return JSON.stringify({ ok: true, pending: true });
    }
    try {
      const result = await this.modeler.importXML(xml);
      this.modeler.get('canvas').zoom('fit-viewport', 'auto');
      this.setAttribute('data-imported', String(Date.now()));
      this._report(null);
      return JSON.stringify({ ok: true, warnings: result.warnings.map((w) => String(w.message)) });
    } catch (e) {
      return JSON.stringify({ ok: false, error: String(e.message || e) });
    }
  }

  async exportXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  selectElement(id) {
    const element = this._registry().get(id);
    if (element) {
      this.modeler.get('selection').select(element);
      // reported again: a selection made while a modal dialog was open never reached the server
      this._report(element);
    }
    return !!element;
  }

  elementIds() {
    return JSON.stringify(this._registry().filter((e) => e.type !== 'label' && e.type !== 'bpmn:Process')
      .map((e) => ({ id: e.id, type: e.type, name: e.businessObject.name || '' })));
  }

  // --- the palette: building blocks from the server, inserted after the selected element ---

  async insertStep(afterId, elementXml, rejectTargetId) {
    const registry = this._registry();
    const modeling = this.modeler.get('modeling');
    const after = registry.get(afterId);
    if (!after || after.waypoints) {
      throw new Error('select a task or event to insert after');
    }
    const out = (after.outgoing || []).find((c) => c.type === 'bpmn:SequenceFlow');
    if (!out) {
      throw new Error('the selected element has no outgoing sequence flow');
    }
    const target = out.target;
    const right = after.x + after.width;
    // make room: everything right of the selected element moves one slot further right
    const movable = registry.filter((e) => !e.waypoints && e.type !== 'label' && e.type !== 'bpmn:BoundaryEvent'
      && e.parent === after.parent && e.x >= right && e !== after);
    if (movable.length) {
      modeling.moveElements(movable, { x: STEP_GAP, y: 0 });
    }
    const bo = await this._parse(elementXml);
    const shape = this.modeler.get('elementFactory').createShape({ type: bo.$type, businessObject: bo });
    const center = { x: right + (target.x - right) / 2, y: after.y + after.height / 2 };
    modeling.createShape(shape, center, after.parent);
    modeling.reconnectEnd(out, shape, { x: shape.x, y: center.y });
    modeling.connect(shape, target, { type: 'bpmn:SequenceFlow' });
    if (rejectTargetId && bo.$type === 'bpmn:UserTask') {
      this.setRejectTarget(shape.id, rejectTargetId);
    }
    this.modeler.get('selection').select(shape);
    return shape.id;
  }

  // --- the properties panel ---

  /** Rewrites a step from the builder's element: attributes, properties and multi-instance; id and flows stay. */
  async applyElement(id, elementXml) {
    let element = this._registry().get(id);
    const bo = await this._parse(elementXml);
    if (element.type !== bo.$type) {
      element = this.modeler.get('bpmnReplace').replaceElement(element, { type: bo.$type });
      this.modeler.get('modeling').updateProperties(element, { id });
    }
    const camunda = ['assignee', 'candidateUsers', 'candidateGroups', 'formKey', 'delegateExpression'];
    const properties = { name: bo.name };
    for (const attr of camunda) {
      properties['camunda:' + attr] = bo.get('camunda:' + attr);
    }
    properties.extensionElements = bo.extensionElements;
    properties.loopCharacteristics = bo.loopCharacteristics;
    this.modeler.get('modeling').updateProperties(element, properties);
    this._report(element);
    return element.id;
  }

  /** "Return": where a rejection of this step goes, through its error boundary event. */
  setRejectTarget(stepId, targetId) {
    const registry = this._registry();
    const modeling = this.modeler.get('modeling');
    const step = registry.get(stepId);
    let boundary = (step.attachers || []).find((a) => this._errorDefinition(a));
    if (!boundary) {
      const factory = this.modeler.get('elementFactory');
      const event = factory.createShape({ type: 'bpmn:BoundaryEvent', eventDefinitionType: 'bpmn:ErrorEventDefinition' });
      boundary = modeling.createShape(event, { x: step.x + step.width - 28, y: step.y + step.height },
        step, { attach: true });
      if (!registry.get(stepId + '_rejected')) {
        modeling.updateProperties(boundary, { id: stepId + '_rejected', name: 'Rejected' });
      }
      modeling.updateModdleProperties(boundary, this._errorDefinition(boundary), { errorRef: this._rejectedError() });
    }
    let target = registry.get(targetId);
    if (!target && targetId === 'rejected') {
      const end = this.modeler.get('elementFactory').createShape({ type: 'bpmn:EndEvent' });
      target = modeling.createShape(end, { x: step.x + step.width + 100, y: step.y + step.height + 130 }, step.parent);
      modeling.updateProperties(target, { id: 'rejected', name: 'Rejected' });
    }
    const out = (boundary.outgoing || []).find((c) => c.type === 'bpmn:SequenceFlow');
    if (out) {
      modeling.reconnectEnd(out, target, { x: target.x + target.width / 2, y: target.y + target.height / 2 });
    } else {
      modeling.connect(boundary, target, { type: 'bpmn:SequenceFlow' });
    }
    return boundary.id;
  }

  /** A gateway's outgoing flow: its condition as a formula (empty removes it). */
  setCondition(flowId, formula) {
    const element = this._registry().get(flowId);
    let condition;
    if (formula && formula.trim()) {
      condition = this.modeler.get('bpmnFactory').create('bpmn:FormalExpression',
        { body: formula.trim(), language: 'opensop-formula' });
    }
    this.modeler.get('modeling').updateProperties(element, { conditionExpression: condition });
    return true;
  }

  /** A timer event's duration, a literal ISO 8601 duration (expression timers are refused on publish). */
  setTimerDuration(id, duration) {
    const element = this._registry().get(id);
    const definition = (element.businessObject.eventDefinitions || [])
      .find((d) => d.$type === 'bpmn:TimerEventDefinition');
    const expression = this.modeler.get('bpmnFactory').create('bpmn:FormalExpression', { body: duration });
    this.modeler.get('modeling').updateModdleProperties(element, definition,
      { timeDuration: expression, timeDate: undefined, timeCycle: undefined });
    return true;
  }

  setName(id, name) {
    this.modeler.get('modeling').updateProperties(this._registry().get(id), { name });
    return true;
  }

  // --- validation results on the diagram ---

  /** problems: JSON [{id, message}]; returns the ids that are not on the diagram. */
  showProblems(json) {
    this.clearProblems();
    const canvas = this.modeler.get('canvas');
    const overlays = this.modeler.get('overlays');
    const missing = [];
    const byId = new Map();
    for (const p of JSON.parse(json)) {
      if (!byId.has(p.id)) {
        byId.set(p.id, []);
      }
      byId.get(p.id).push(p.message);
    }
    for (const [id, messages] of byId) {
      const element = this._registry().get(id);
      if (!element || element.type === 'bpmn:Process') {
        missing.push(id);
        continue;
      }
      canvas.addMarker(element, PROBLEM);
      const note = document.createElement('div');
      note.className = 'opensop-problem-note';
      note.setAttribute('data-problem-for', id);
      note.textContent = messages.join('\n');
      overlays.add(element, PROBLEM, { position: { bottom: -4, left: 0 }, html: note });
    }
    return JSON.stringify(missing);
  }

  clearProblems() {
    const canvas = this.modeler.get('canvas');
    this.modeler.get('overlays').remove({ type: PROBLEM });
    this._registry().forEach((e) => canvas.removeMarker(e, PROBLEM));
    return true;
  }

  // --- internals ---

  _registry() {
    return this.modeler.get('elementRegistry');
  }

  async _parse(xml) {
    const type = xml.trim().startsWith('<bpmn:serviceTask') ? 'bpmn:ServiceTask' : 'bpmn:UserTask';
    const { rootElement } = await this.modeler.get('moddle').fromXML(xml, type);
    return rootElement;
  }

  _errorDefinition(element) {
    return (element.businessObject.eventDefinitions || []).find((d) => d.$type === 'bpmn:ErrorEventDefinition');
  }

  _rejectedError() {
    const definitions = this.modeler.getDefinitions();
    let error = definitions.rootElements.find((e) => e.$type === 'bpmn:Error' && e.errorCode === REJECTED_CODE);
    if (!error) {
      error = this.modeler.get('bpmnFactory').create('bpmn:Error',
        { id: 'approval_rejected', name: 'Rejected', errorCode: REJECTED_CODE });
      error.$parent = definitions;
      definitions.rootElements.unshift(error);
    }
    return error;
  }

  _report(element) {
    if (!this.$server) {
      return;
    }
    if (!element || element.type === 'label') {
      this.$server.selectionChanged(null);
      return;
    }
    this.$server.selectionChanged(JSON.stringify(this._describe(element)));
  }

  _describe(element) {
    const bo = element.businessObject;
    const attrs = {};
    for (const attr of ['assignee', 'candidateUsers', 'candidateGroups', 'formKey', 'delegateExpression']) {
      const value = bo.get ? bo.get('camunda:' + attr) : undefined;
      if (value !== undefined && value !== null) {
        attrs[attr] = String(value);
      }
    }
    const properties = {};
    for (const ext of ((bo.extensionElements && bo.extensionElements.values) || [])) {
      if (ext.$type === 'camunda:Properties') {
        for (const p of ext.values || []) {
          properties[p.name] = p.value;
        }
      }
    }
    const description = {
      id: element.id, type: element.type, name: bo.name || '', attrs, properties,
      multiInstance: !!bo.loopCharacteristics,
    };
    if (element.waypoints) {
      description.sourceType = element.source && element.source.type;
      description.condition = bo.conditionExpression ? (bo.conditionExpression.body || '') : null;
      description.conditionLanguage = bo.conditionExpression ? (bo.conditionExpression.language || '') : null;
    }
    const timer = (bo.eventDefinitions || []).find((d) => d.$type === 'bpmn:TimerEventDefinition');
    if (timer) {
      const value = timer.timeDuration || timer.timeDate || timer.timeCycle;
      description.timer = value ? (value.body || '') : '';
    }
    const boundary = (element.attachers || []).find((a) => this._errorDefinition(a));
    if (boundary) {
      const out = (boundary.outgoing || [])[0];
      description.rejectTarget = out ? out.target.id : null;
    }
    description.earlierSteps = this._earlierUserTasks(element);
    return description;
  }

  _earlierUserTasks(element) {
    const seen = new Set();
    const found = [];
    const queue = [...(element.incoming || [])].map((c) => c.source);
    while (queue.length) {
      const node = queue.shift();
      if (!node || seen.has(node.id)) {
        continue;
      }
      seen.add(node.id);
      if (node.type === 'bpmn:UserTask') {
        found.push(node.id);
      }
      (node.incoming || []).forEach((c) => queue.push(c.source));
    }
    return found.reverse();
  }
}

customElements.define('opensop-bpmn-modeler', OpenSopBpmnModeler);
