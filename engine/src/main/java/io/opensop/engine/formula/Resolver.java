package io.opensop.engine.formula;

import java.util.List;
import java.util.stream.Collectors;

/** Turns a field path into a {@link Binding} against the schema, or reports why it cannot. */
final class Resolver {

    private final FormulaSchema schema;
    private final List<FormulaError> errors;

    Resolver(FormulaSchema schema, List<FormulaError> errors) {
        this.schema = schema;
        this.errors = errors;
    }

    Binding resolve(Node.Ref ref) {
        List<Node.Segment> path = ref.path();
        if (path.size() > 2) {
            Node.Segment third = path.get(2);
            return error("navigation_too_deep", third.start(), ref.end());
        }
        SchemaField first = find(schema, path.get(0));
        if (first == null) {
            return null;
        }
        if (path.size() == 1) {
            if (first.kind() == SchemaField.Kind.SUB_FORM) {
                return error("not_a_value", ref.start(), ref.end(), first.key());
            }
            return new Binding(Binding.Kind.FIELD, first.key(), null, null, first.type());
        }
        Node.Segment second = path.get(1);
        if (first.kind() == SchemaField.Kind.VALUE || first.target() == null) {
            return error("not_navigable", path.get(0).start(), second.end(), path.get(0).text());
        }
        SchemaField member = find(first.target(), second);
        if (member == null) {
            return null;
        }
        if (member.kind() == SchemaField.Kind.SUB_FORM) {
            return error("not_a_value", second.start(), second.end(), member.key());
        }
        if (first.kind() == SchemaField.Kind.SUB_FORM) {
            if (!(member.type() instanceof FormulaType.Scalar scalar)) {
                return error("list_column", second.start(), second.end(), member.key());
            }
            return new Binding(Binding.Kind.COLUMN, first.key(), member.key(), null, FormulaType.listOf(scalar));
        }
        return new Binding(Binding.Kind.THROUGH_REFERENCE, first.key(), member.key(), first.targetForm(),
                member.type());
    }

    private SchemaField find(FormulaSchema in, Node.Segment segment) {
        if (!segment.label()) {
            return in.field(segment.text()).orElseGet(() -> {
                error("unknown_field", segment.start(), segment.end(), segment.text());
                return null;
            });
        }
        List<SchemaField> found = in.byLabel(segment.text());
        if (found.isEmpty()) {
            error("unknown_label", segment.start(), segment.end(), segment.text());
            return null;
        }
        if (found.size() > 1) {
            String keys = found.stream().map(SchemaField::key).collect(Collectors.joining(", "));
            error("ambiguous_label", segment.start(), segment.end(), segment.text(), keys);
            return null;
        }
        return found.get(0);
    }

    private Binding error(String code, int start, int end, Object... args) {
        errors.add(FormulaError.of(code, start, end, args));
        return null;
    }
}
