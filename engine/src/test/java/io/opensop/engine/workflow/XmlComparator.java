package io.opensop.engine.workflow;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compares two XML documents as trees: every element with its attributes and text. Whitespace,
 * attribute order, namespace declarations and the choice of namespace prefix (also inside QName
 * values such as {@code xsi:type="bpmn:tFormalExpression"}) do not matter; comments do not count.
 * Each element is identified by its path of names (and ids where present), so a report names
 * exactly what was lost or added.
 */
final class XmlComparator {

    private static final Pattern QNAME = Pattern.compile("[A-Za-z_][\\w.-]*:[A-Za-z_][\\w.-]*");

    private XmlComparator() {
    }

    record Difference(List<String> missing, List<String> added) {
        boolean none() {
            return missing.isEmpty() && added.isEmpty();
        }

        @Override
        public String toString() {
            return "missing after round trip: " + missing + "\nadded by round trip: " + added;
        }
    }

    static Difference compare(String expected, String actual) {
        Map<String, Integer> a = describe(expected);
        Map<String, Integer> b = describe(actual);
        List<String> missing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        a.forEach((line, n) -> {
            if (b.getOrDefault(line, 0) < n) {
                missing.add(line);
            }
        });
        b.forEach((line, n) -> {
            if (a.getOrDefault(line, 0) < n) {
                added.add(line);
            }
        });
        return new Difference(missing, added);
    }

    /** How many elements the document has; a guard that the comparison saw something. */
    static int elementCount(String xml) {
        return describe(xml).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, Integer> describe(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Map<String, Integer> lines = new TreeMap<>();
            walk(document.getDocumentElement(), "", lines);
            return lines;
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML", e);
        }
    }

    private static void walk(Element element, String parentPath, Map<String, Integer> lines) {
        String name = name(element);
        String id = element.getAttributeNS(null, "id");
        String path = parentPath + "/" + name + (id.isEmpty() ? "" : "[" + id + "]");
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())) {
                continue;
            }
            attributes.put(name(attr), qualify(element, attr.getValue()));
        }
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        String normalized = text.toString().strip().replaceAll("\\s+", " ");
        String line = path + " " + attributes + (normalized.isEmpty() ? "" : " text=" + qualify(element, normalized));
        lines.merge(line, 1, Integer::sum);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, path, lines);
            }
        }
    }

    private static String name(Node node) {
        String ns = node.getNamespaceURI();
        return (ns == null ? "" : "{" + ns + "}") + node.getLocalName();
    }

    /** A value that looks like prefix:local with a bound prefix is compared by namespace URI instead. */
    private static String qualify(Element scope, String value) {
        if (!QNAME.matcher(value).matches()) {
            return value;
        }
        int colon = value.indexOf(':');
        String uri = scope.lookupNamespaceURI(value.substring(0, colon));
        return uri == null ? value : "{" + uri + "}" + value.substring(colon + 1);
    }
}
