package dev.rekindle.dialog.model;

/**
 * A reference to a value, as written in a placeholder or a condition: {@code field} alone, or
 * {@code who.field} where who is me, partner, actor, A, B or a role name, and field is {@code name},
 * {@code role} or a variable.
 */
public record Ref(String who, String field) {
    public static final java.util.Set<String> PEOPLE = java.util.Set.of("me", "partner", "actor", "A", "B");

    public static Ref parse(String text) {
        String t = text.trim();
        int dot = t.indexOf('.');
        if (dot < 0) {
            return new Ref(null, t);
        }
        return new Ref(t.substring(0, dot), t.substring(dot + 1));
    }

    public boolean isWellFormed() {
        return isIdentifier(field) && (who == null || isIdentifier(who));
    }

    public static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return who == null ? field : who + "." + field;
    }
}
