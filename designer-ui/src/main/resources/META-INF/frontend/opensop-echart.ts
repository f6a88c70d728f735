import * as echarts from 'echarts';

/**
 * <opensop-echart>: draws an Apache ECharts option sent from Java as JSON text in the `option`
 * property. Every title, label and series name arrives as data and is drawn on the canvas; the
 * tooltip is forced to rich text, so no text from a dashboard is ever parsed as HTML.
 */
class OpenSopEChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;
  private optionJson = '';

  get option(): string {
    return this.optionJson;
  }

  set option(json: string) {
    this.optionJson = json || '';
    this.draw();
  }

  connectedCallback() {
    // A property set by Flow before this element was upgraded shadows the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'option')) {
      const early = (this as any).option as string;
      delete (this as any).option;
      this.optionJson = early;
    }
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.draw();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private draw() {
    if (!this.chart || !this.optionJson) {
      return;
    }
    const option = JSON.parse(this.optionJson);
    option.tooltip = { ...(option.tooltip || {}), renderMode: 'richText' };
    this.chart.setOption(option, true);
    this.setAttribute('data-rendered', 'true');
  }
}

if (!customElements.get('opensop-echart')) {
  customElements.define('opensop-echart', OpenSopEChart);
}
