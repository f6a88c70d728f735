package io.opensop.engine.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Element-level differences between two models; an element's nested elements with ids count on their own. */
final class ModelDiff {

    private ModelDiff() {
    }

    static ProcessModelDiff between(String key, int from, String fromXml, int to, String toXml) {
        Map<String, String> before = elements(fromXml);
        Map<String, String> after = elements(toXml);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((id, text) -> {
            if (!before.containsKey(id)) {
                added.add(id);
            } else if (!before.get(id).equals(text)) {
                changed.add(id);
            }
        });
        before.keySet().forEach(id -> {
            if (!after.containsKey(id)) {
                removed.add(id);
            }
        });
        return new ProcessModelDiff(key, from, to, added, removed, changed);
    }

    private static Map<String, String> elements(String xml) {
        Document document = (Document) BpmnXml.read(xml).model().getDocument().getDomSource().getNode();
        Map<String, String> found = new LinkedHashMap<>();
        collect(document.getDocumentElement(), found);
        return found;
    }

    private static void collect(Element element, Map<String, String> found) {
        String id = element.getAttribute("id");
        if (!id.isEmpty()) {
            StringBuilder text = new StringBuilder();
            describe(element, text, true);
            found.put(id, text.toString());
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collect(e, found);
            }
        }
    }

    private static void describe(Element element, StringBuilder text, boolean self) {
        if (!self && !element.getAttribute("id").isEmpty()) {
            text.append("<ref ").append(element.getAttribute("id")).append('>');
            return;
        }
        text.append('{').append(element.getNamespaceURI()).append('}').append(element.getLocalName());
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                attributes.put("{" + a.getNamespaceURI() + "}" + a.getLocalName(), a.getValue());
            }
        }
        text.append(attributes).append('[');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                describe(e, text, false);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String value = child.getNodeValue().strip();
                if (!value.isEmpty()) {
                    text.append('"').append(value.replaceAll("\\s+", " ")).append('"');
                }
            }
        }
        text.append(']');
    }
}
