package io.opensop.engine.formula;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * Defence in depth: before anything reaches MVEL, the generated source must consist only of calls on
 * {@code rt}, integer literals, {@code true/false/null} and the punctuation the generator writes.
 * A generator bug that let user text through would fail here instead of running.
 */
final class MvelWhitelist {

    private static final Set<String> WORDS = words();
    private static final String PUNCTUATION = "(), ?:&|.";

    private MvelWhitelist() {
    }

    static void verify(String source) {
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (isWordStart(c)) {
                int end = i;
                while (end < source.length() && (isWordStart(source.charAt(end)) || isDigit(source.charAt(end)))) {
                    end++;
                }
                String word = source.substring(i, end);
                boolean member = i > 0 && source.charAt(i - 1) == '.';
                if (member ? !WORDS.contains(word) || word.equals("rt") : !isValue(word)) {
                    throw new IllegalStateException("generated code contains '" + word + "'");
                }
                i = end;
            } else if (isDigit(c) || PUNCTUATION.indexOf(c) >= 0) {
                if (c == '.' && !source.startsWith("rt", i - 2)) {
                    throw new IllegalStateException("generated code navigates outside rt at " + i);
                }
                i++;
            } else {
                throw new IllegalStateException("generated code contains '" + c + "' at " + i);
            }
        }
    }

    private static boolean isValue(String word) {
        return word.equals("rt") || word.equals("true") || word.equals("false") || word.equals("null");
    }

    private static Set<String> words() {
        Set<String> names = new HashSet<>();
        for (Method m : FormulaRuntime.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
