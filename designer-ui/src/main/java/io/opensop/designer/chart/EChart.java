package io.opensop.designer.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.opensop.engine.support.Json;

/**
 * An Apache ECharts chart. The option is sent as JSON text and drawn by {@code opensop-echart.ts};
 * titles and labels are data inside the option, never HTML. {@link #setData} exposes the plotted
 * values as a {@code data-chart} attribute, so tests and assistive tools read what the canvas shows.
 */
@Tag("opensop-echart")
@NpmPackage(value = "echarts", version = "6.0.0")
@JsModule("./opensop-echart.ts")
public class EChart extends Component implements HasSize {

    public EChart() {
        setWidthFull();
        setHeight("320px");
        getElement().setAttribute("role", "img");
    }

    public void setOption(ObjectNode option) {
        getElement().setProperty("option", Json.write(option));
    }

    /** The plotted values as JSON ({@code {"categories":[…],"series":[{"name","values"}]}}). */
    public void setData(ObjectNode data) {
        getElement().setAttribute("data-chart", Json.write(data));
    }

    public void setAccessibleName(String name) {
        getElement().setAttribute("aria-label", name == null ? "" : name);
    }
}
