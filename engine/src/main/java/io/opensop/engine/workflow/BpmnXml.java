package io.opensop.engine.workflow;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.TooLargeException;
import io.opensop.engine.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.ModelException;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.ext.Locator2;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reading and writing BPMN safely. Every document first goes through a hardened SAX pass that
 * refuses any DOCTYPE (and with it every internal or external entity and DTD), so the Camunda
 * model parser only ever sees plain, entity-free XML: no file is read, no URL is fetched.
 */
final class BpmnXml {

    /** Larger than any real model (the biggest MIWG reference model is 240 KB). */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private BpmnXml() {
    }

    /** A checked document: its text as submitted and the parsed model. */
    record Parsed(String text, BpmnModelInstance model) {
    }

    /** Checks the bytes, parses them with the Camunda model API and returns the text and the model. */
    static Parsed read(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new ValidationException(Problem.of("xml", "required"));
        }
        if (xml.length > MAX_BYTES) {
            throw new TooLargeException("xml", MAX_BYTES);
        }
        String encoding = refuseDoctype(xml);
        String text = decode(xml, encoding);
        try {
            return new Parsed(text, Bpmn.readModelFromStream(new ByteArrayInputStream(xml)));
        } catch (ModelException e) {
            throw new ValidationException(Problem.of("xml", "bpmn_unreadable", rootMessage(e)));
        }
    }

    /** Parses stored text (already checked once; checked again, it costs little). */
    static Parsed read(String xml) {
        return read(xml == null ? null : bytes(xml));
    }

    /** The text encoded as its XML declaration says (UTF-8 when it says nothing). */
    static byte[] bytes(String text) {
        return text.getBytes(declaredCharset(text));
    }

    private static Charset declaredCharset(String text) {
        Matcher m = DECLARED_ENCODING.matcher(text);
        if (m.lookingAt()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(byte[] xml, String encoding) {
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            throw new ValidationException(Problem.of("xml", "xml_malformed", 1, "unknown encoding " + encoding));
        }
        String text = new String(xml, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    /** @return the document's encoding as the parser detected it */
    private static String refuseDoctype(byte[] xml) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var reader = factory.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            String[] encoding = new String[1];
            reader.setContentHandler(new DefaultHandler() {
                private Locator locator;

                @Override
                public void setDocumentLocator(Locator locator) {
                    this.locator = locator;
                }

                @Override
                public void startDocument() {
                    if (locator instanceof Locator2 l2) {
                        encoding[0] = l2.getEncoding();
                    }
                }
            });
            reader.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
            return encoding[0];
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE") || message.contains("doctype")) {
                throw new ValidationException(Problem.of("xml", "doctype_refused"));
            }
            throw new ValidationException(Problem.of("xml", "xml_malformed", e.getLineNumber(), message));
        } catch (SAXException e) {
            throw new ValidationException(Problem.of("xml", "doctype_refused"));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot set up the XML parser", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
