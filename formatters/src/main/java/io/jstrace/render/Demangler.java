package io.jstrace.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * C++ symbol names read back as source (the Itanium C++ ABI's mangling, section 5.1, the
 * scheme gcc and clang use on Linux), laid out as libiberty's {@code cplus_demangle(name,
 * DMGL_PARAMS | DMGL_AUTO)} lays them out, which strace 6.1 uses for {@code -k}: nested and
 * template names, parameter lists, cv-qualified and reference types, pointers to functions,
 * substitutions, constructors and destructors, operators, thunks, lambdas and clone
 * suffixes. A name it cannot read whole (an expression in a template argument, say) is
 * left as it is: {@link #demangle} returns {@code null} for it, as libiberty does for what
 * is not mangled.
 */
public final class Demangler {
    private static final Map<Character, String> BUILTIN = Map.ofEntries(Map.entry('v', "void"),
            Map.entry('w', "wchar_t"), Map.entry('b', "bool"), Map.entry('c', "char"), Map.entry('a', "signed char"),
            Map.entry('h', "unsigned char"), Map.entry('s', "short"), Map.entry('t', "unsigned short"),
            Map.entry('i', "int"), Map.entry('j', "unsigned int"), Map.entry('l', "long"),
            Map.entry('m', "unsigned long"), Map.entry('x', "long long"), Map.entry('y', "unsigned long long"),
            Map.entry('n', "__int128"), Map.entry('o', "unsigned __int128"), Map.entry('f', "float"),
            Map.entry('d', "double"), Map.entry('e', "long double"), Map.entry('g', "__float128"),
            Map.entry('z', "..."));
    private static final Map<String, String> BUILTIN_D = Map.of("Dn", "decltype(nullptr)", "Di", "char32_t",
            "Ds", "char16_t", "Du", "char8_t", "Da", "auto", "Dc", "decltype(auto)");
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("nw", "new"),
            Map.entry("na", "new[]"), Map.entry("dl", "delete"), Map.entry("da", "delete[]"), Map.entry("ps", "+"),
            Map.entry("ng", "-"), Map.entry("ad", "&"), Map.entry("de", "*"), Map.entry("co", "~"),
            Map.entry("pl", "+"), Map.entry("mi", "-"), Map.entry("ml", "*"), Map.entry("dv", "/"),
            Map.entry("rm", "%"), Map.entry("an", "&"), Map.entry("or", "|"), Map.entry("eo", "^"),
            Map.entry("aS", "="), Map.entry("pL", "+="), Map.entry("mI", "-="), Map.entry("mL", "*="),
            Map.entry("dV", "/="), Map.entry("rM", "%="), Map.entry("aN", "&="), Map.entry("oR", "|="),
            Map.entry("eO", "^="), Map.entry("ls", "<<"), Map.entry("rs", ">>"), Map.entry("lS", "<<="),
            Map.entry("rS", ">>="), Map.entry("eq", "=="), Map.entry("ne", "!="), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("le", "<="), Map.entry("ge", ">="), Map.entry("ss", "<=>"),
            Map.entry("nt", "!"), Map.entry("aa", "&&"), Map.entry("oo", "||"), Map.entry("pp", "++"),
            Map.entry("mm", "--"), Map.entry("cm", ","), Map.entry("pm", "->*"), Map.entry("pt", "->"),
            Map.entry("cl", "()"), Map.entry("ix", "[]"), Map.entry("qu", "?"));
    private static final Map<Character, String> STD = Map.of('a', "std::allocator", 'b', "std::basic_string",
            's', "std::string", 'i', "std::istream", 'o', "std::ostream", 'd', "std::iostream");

    /** A parsed type or name, printed around a declarator (C's inside-out types). */
    private sealed interface Node {}

    private record Text(String text) implements Node {}

    /** A pointer, reference or cv-qualifier on {@code inner}: {@code suffix} is "*", "&", "&&", " const", ... */
    private record Modified(Node inner, String suffix) implements Node {}

    private record Function(Node ret, List<Node> params) implements Node {}

    private record Array(Node inner, String dimension) implements Node {}

    /** Thrown when the name is not one this reads: it is left mangled. */
    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int pos;
    private final List<Node> subs = new ArrayList<>();
    /** The template arguments of the function being read: what {@code T_} refers to. */
    private List<Node> templateArgs = List.of();
    /** Reading the function's own name (not a type in it): its template arguments are the ones T_ means. */
    private boolean functionName;

    private Demangler(String s) {
        this.s = s;
    }

    /** {@code symbol} as source, or {@code null} when it is not a mangled name this reads. */
    public static String demangle(String symbol) {
        if (symbol == null || !symbol.startsWith("_Z")) return null;
        try {
            Demangler d = new Demangler(symbol);
            d.pos = 2;
            String out = d.encoding(true);
            return out + d.cloneSuffixes();
        } catch (Unreadable | IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
    }

    private boolean eat(String prefix) {
        if (!s.startsWith(prefix, pos)) return false;
        pos += prefix.length();
        return true;
    }

    private void expect(char c) {
        if (peek() != c) throw new Unreadable();
        pos++;
    }

    /** {@code .constprop.0}, {@code .isra.0}, ...: gcc's clones, {@code " [clone .constprop.0]"}. */
    private String cloneSuffixes() {
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            if (peek() != '.') throw new Unreadable();
            int end = pos + 1;
            while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '_')) end++;
            while (end + 1 < s.length() && s.charAt(end) == '.' && Character.isDigit(s.charAt(end + 1))) {
                end += 2;
                while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
            }
            if (end == pos + 1) throw new Unreadable();
            out.append(" [clone ").append(s, pos, end).append(']');
            pos = end;
        }
        return out.toString();
    }

    /** The name and, for a function, its parameters. */
    private String encoding(boolean top) {
        if (peek() == 'T' || peek() == 'G') return special();
        functionName = true;
        Name name = name();
        functionName = false;
        if (pos >= s.length() || peek() == 'E' || peek() == '.') return name.text;
        Node ret = null;
        if (name.template && !name.ctorDtorConv) ret = type();
        List<Node> params = new ArrayList<>();
        while (pos < s.length() && peek() != 'E' && peek() != '.') params.add(type());
        String out = (ret == null ? "" : print(ret, "") + " ") + name.text + params(params) + name.qualifiers;
        if (!top) return out;
        return out;
    }

    private String special() {
        if (eat("TV")) return "vtable for " + print(type(), "");
        if (eat("TT")) return "VTT for " + print(type(), "");
        if (eat("TI")) return "typeinfo for " + print(type(), "");
        if (eat("TS")) return "typeinfo name for " + print(type(), "");
        if (eat("Th")) {
            number(true);
            expect('_');
            return "non-virtual thunk to " + encoding(false);
        }
        if (eat("Tv")) {
            number(true);
            expect('_');
            number(true);
            expect('_');
            return "virtual thunk to " + encoding(false);
        }
        if (eat("GV")) return "guard variable for " + name().text;
        throw new Unreadable();
    }

    private static String params(List<Node> params) {
        if (params.size() == 1 && params.get(0) instanceof Text t && t.text().equals("void")) return "()";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(print(params.get(i), ""));
        }
        return b.append(')').toString();
    }

    /** A name as it prints, and what the encoding needs to know of it. */
    private record Name(String text, boolean template, boolean ctorDtorConv, String qualifiers) {}

    private Name name() {
        if (peek() == 'N') return nested();
        if (peek() == 'Z') return local();
        String text;
        boolean ctor = false;
        if (peek() == 'S' && peek(1) == 't') {
            pos += 2;
            text = "std::" + unqualified(null);
        } else if (peek() == 'S') {
            text = print(substitution(), "");
            if (peek() != 'I') throw new Unreadable(); // a substitution names a template here
        } else {
            int start = pos;
            text = unqualified(null);
            ctor = s.startsWith("cv", start);
        }
        if (peek() == 'I') {
            subs.add(new Text(text));
            List<Node> args = templateArgs();
            if (functionName) templateArgs = args;
            return new Name(text + templateArgsText(text, args), true, ctor, "");
        }
        return new Name(text, false, ctor, "");
    }

    private Name nested() {
        expect('N');
        StringBuilder quals = new StringBuilder();
        String cv = "";
        while (peek() == 'r' || peek() == 'V' || peek() == 'K') {
            char c = s.charAt(pos++);
            cv = (c == 'r' ? " restrict" : c == 'V' ? " volatile" : " const") + cv;
        }
        quals.append(cv);
        if (eat("R")) quals.append(" &");
        else if (eat("O")) quals.append(" &&");
        String prefix = null, last = null;
        boolean template = false, ctorDtorConv = false;
        while (peek() != 'E') {
            if (peek() == 'I') {
                if (prefix == null) throw new Unreadable();
                List<Node> args = templateArgs();
                if (functionName) templateArgs = args;
                prefix = prefix + templateArgsText(prefix, args);
                template = true;
            } else if (peek() == 'S' && peek(1) == 't' && prefix == null) {
                pos += 2;
                last = unqualified(null);
                prefix = "std::" + last;
                template = false;
                ctorDtorConv = false;
            } else if (peek() == 'S' && prefix == null) {
                prefix = print(substitution(), "");
                last = prefix.substring(prefix.lastIndexOf("::") + (prefix.contains("::") ? 2 : 0));
                if (STD.containsValue(prefix) && !prefix.equals("std::allocator") && !prefix.equals("std::basic_string")
                        && (peek() == 'C' || peek() == 'D')) {
                    throw new Unreadable(); // libiberty spells these out in full as constructors' classes
                }
                continue; // a substitution is not added again
            } else if (peek() == 'T' && prefix == null) {
                prefix = print(templateParam(), "");
                last = prefix;
            } else {
                int start = pos;
                String u = unqualified(last);
                ctorDtorConv = s.charAt(start) == 'C' || s.charAt(start) == 'D' && s.charAt(start + 1) != 'n'
                        && s.charAt(start + 1) != 'c' || s.startsWith("cv", start);
                // a constructor is named after the last source name: not a lambda's or an unnamed type's
                if (s.charAt(start) != 'C' && s.charAt(start) != 'D' && s.charAt(start) != 'U') last = u.replaceAll("\\[abi:[^]]*]$", "");
                prefix = prefix == null ? u : prefix + "::" + u;
                template = false;
            }
            if (peek() != 'E') subs.add(new Text(prefix));
        }
        pos++;
        if (prefix == null) throw new Unreadable();
        return new Name(prefix, template, ctorDtorConv, quals.toString());
    }

    /** {@code Z <encoding> E <name>}: a name local to a function. */
    private Name local() {
        expect('Z');
        List<Node> outer = templateArgs;
        String function = encoding(false);
        templateArgs = outer;
        expect('E');
        if (eat("s")) {
            discriminator();
            return new Name(function + "::string literal", false, false, "");
        }
        Name entity = name();
        discriminator();
        return new Name(function + "::" + entity.text, entity.template, entity.ctorDtorConv, entity.qualifiers);
    }

    private void discriminator() {
        if (!eat("_")) return;
        if (eat("_")) {
            number(false);
            expect('_');
        } else {
            pos++;
        }
    }

    /** A source name, an operator, a constructor or destructor ({@code of}: its class), a lambda; abi tags after it. */
    private String unqualified(String of) {
        String out;
        char c = peek();
        if (Character.isDigit(c)) {
            out = sourceName();
        } else if (c == 'C' && (Character.isDigit(peek(1)) || peek(1) == 'I')) {
            if (of == null) throw new Unreadable();
            pos += peek(1) == 'I' ? 3 : 2;
            out = of;
        } else if (c == 'D' && peek(1) >= '0' && peek(1) <= '5') {
            if (of == null) throw new Unreadable();
            pos += 2;
            out = "~" + of;
        } else if (c == 'U' && peek(1) == 'l') {
            pos += 2;
            List<Node> params = new ArrayList<>();
            while (peek() != 'E') params.add(type());
            pos++;
            long n = eat("_") ? 1 : number(false) + 2;
            if (n > 1 && peek(-1) != '_') expect('_');
            out = "{lambda" + params(params) + "#" + n + "}";
        } else if (c == 'U' && peek(1) == 't') {
            pos += 2;
            long n = eat("_") ? 1 : number(false) + 2;
            if (n > 1) expect('_');
            out = "{unnamed type#" + n + "}";
        } else if (c == 'c' && peek(1) == 'v') {
            pos += 2;
            out = "operator " + print(type(), "");
        } else {
            String op = OPERATORS.get(s.substring(pos, Math.min(pos + 2, s.length())));
            if (op == null) throw new Unreadable();
            pos += 2;
            out = "operator" + (Character.isLetter(op.charAt(0)) ? " " : "") + op;
        }
        while (peek() == 'B') {
            pos++;
            out += "[abi:" + sourceName() + "]";
        }
        return out;
    }

    private String sourceName() {
        int n = (int) number(false);
        if (n <= 0 || pos + n > s.length()) throw new Unreadable();
        String id = s.substring(pos, pos + n);
        pos += n;
        return id.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : id;
    }

    /** A decimal number; {@code signed}: an {@code n} before it is a minus. */
    private long number(boolean signed) {
        boolean negative = signed && eat("n");
        int start = pos;
        while (Character.isDigit(peek())) pos++;
        if (pos == start) throw new Unreadable();
        long v = Long.parseLong(s.substring(start, pos));
        return negative ? -v : v;
    }

    private List<Node> templateArgs() {
        expect('I');
        List<Node> args = new ArrayList<>();
        while (!eat("E")) {
            if (peek() == 'L') {
                args.add(literal());
            } else if (peek() == 'J') {
                pos++;
                List<Node> pack = new ArrayList<>();
                while (!eat("E")) pack.add(type());
                StringBuilder b = new StringBuilder();
                for (Node n : pack) b.append(b.length() > 0 ? ", " : "").append(print(n, ""));
                if (!pack.isEmpty()) args.add(new Text(b.toString()));
            } else if (peek() == 'X') {
                throw new Unreadable();
            } else {
                args.add(type());
            }
        }
        return args;
    }

    /** {@code <A, B>} after {@code name}: apart from an operator ending in {@code <}, and {@code > >} apart. */
    private static String templateArgsText(String name, List<Node> args) {
        StringBuilder b = new StringBuilder(name.endsWith("<") ? " <" : "<");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(print(args.get(i), ""));
        }
        if (b.charAt(b.length() - 1) == '>') b.append(' ');
        return b.append('>').toString();
    }

    /** {@code L <type> <value> E}: an integer or boolean template argument. */
    private Node literal() {
        expect('L');
        if (peek() == '_' && peek(1) == 'Z') throw new Unreadable();
        char t = s.charAt(pos++);
        long v = number(true);
        expect('E');
        return switch (t) {
            case 'b' -> new Text(v == 0 ? "false" : "true");
            case 'i' -> new Text(Long.toString(v));
            case 'j' -> new Text(v + "u");
            case 'l' -> new Text(v + "l");
            case 'm' -> new Text(v + "ul");
            case 'x' -> new Text(v + "ll");
            case 'y' -> new Text(v + "ull");
            default -> new Text("(" + BUILTIN.getOrDefault(t, "?") + ")" + v);
        };
    }

    private Node templateParam() {
        expect('T');
        int i = eat("_") ? 0 : (int) number(false) + 1;
        if (i > 0) expect('_');
        if (i >= templateArgs.size()) throw new Unreadable();
        return templateArgs.get(i);
    }

    private Node substitution() {
        expect('S');
        char c = peek();
        if (STD.containsKey(c)) {
            pos++;
            return new Text(STD.get(c));
        }
        int i = 0;
        if (c != '_') {
            int start = pos;
            while (Character.isDigit(peek()) || Character.isUpperCase(peek())) pos++;
            if (pos == start) throw new Unreadable();
            i = Integer.parseInt(s.substring(start, pos), 36) + 1;
        }
        expect('_');
        if (i >= subs.size()) throw new Unreadable();
        return subs.get(i);
    }

    private Node type() {
        boolean inName = functionName;
        functionName = false;
        try {
            return typeInner();
        } finally {
            functionName = inName;
        }
    }

    private Node typeInner() {
        char c = peek();
        String builtin = BUILTIN.get(c);
        if (builtin != null) {
            pos++;
            return new Text(builtin);
        }
        if (c == 'D' && BUILTIN_D.containsKey(s.substring(pos, Math.min(pos + 2, s.length())))) {
            String t = BUILTIN_D.get(s.substring(pos, pos + 2));
            pos += 2;
            return new Text(t);
        }
        Node t;
        switch (c) {
            case 'P' -> { pos++; t = new Modified(type(), "*"); }
            case 'R' -> { pos++; t = reference(type(), "&"); }
            case 'O' -> { pos++; t = reference(type(), "&&"); }
            case 'K' -> { pos++; t = new Modified(type(), " const"); }
            case 'V' -> { pos++; t = new Modified(type(), " volatile"); }
            case 'r' -> { pos++; t = new Modified(type(), " restrict"); }
            case 'F' -> {
                pos++;
                eat("Y");
                Node ret = type();
                List<Node> params = new ArrayList<>();
                while (!eat("E")) params.add(type());
                t = new Function(ret, params);
            }
            case 'A' -> {
                pos++;
                String dim = "";
                if (peek() != '_') dim = Long.toString(number(false));
                expect('_');
                Node element = type();
                if (element instanceof Array || element instanceof Modified m && m.inner() instanceof Array) {
                    throw new Unreadable(); // arrays of arrays print their bounds together: not read here
                }
                t = new Array(element, dim);
            }
            case 'T' -> {
                t = templateParam();
                subs.add(t);
                if (peek() == 'I') {
                    List<Node> args = templateArgs();
                    t = new Text(print(t, "") + templateArgsText(print(t, ""), args));
                } else {
                    return t;
                }
            }
            case 'S' -> {
                if (peek(1) == 't') {
                    Name n = name();
                    t = new Text(n.text);
                } else {
                    t = substitution();
                    if (peek() != 'I') return t; // already a substitution
                    t = new Text(print(t, "") + templateArgsText(print(t, ""), templateArgs()));
                }
            }
            case 'N', 'Z' -> t = new Text(name().text);
            default -> {
                if (!Character.isDigit(c)) throw new Unreadable();
                t = new Text(name().text);
            }
        }
        subs.add(t);
        return t;
    }

    /** A reference to {@code inner}; to a reference, collapsed as C++ does ({@code & &&} is {@code &}). */
    private static Node reference(Node inner, String kind) {
        if (inner instanceof Modified m && (m.suffix().equals("&") || m.suffix().equals("&&"))) {
            return new Modified(m.inner(), m.suffix().equals("&") || kind.equals("&") ? "&" : "&&");
        }
        return new Modified(inner, kind);
    }

    /** {@code n} as C declares it, with {@code decl} where a declared name would be. */
    private static String print(Node n, String decl) {
        if (n instanceof Text t) return t.text() + decl;
        if (n instanceof Modified m) {
            // a cv-qualified function type, and functions returning functions, are not read here
            if ((m.inner() instanceof Function || m.inner() instanceof Array) && m.suffix().startsWith(" ")) {
                throw new Unreadable();
            }
            return m.inner() instanceof Function || m.inner() instanceof Array
                    ? print(m.inner(), m.suffix().trim() + decl) : print(m.inner(), m.suffix() + decl);
        }
        if (n instanceof Function f) {
            if (f.ret() instanceof Modified r && (r.inner() instanceof Function || r.inner() instanceof Array)) {
                throw new Unreadable();
            }
            return print(f.ret(), "") + (decl.isEmpty() ? " " : " (" + decl + ")") + params(f.params());
        }
        Array a = (Array) n;
        return print(a.inner(), "") + (decl.isEmpty() ? " " : " (" + decl + ") ") + "[" + a.dimension() + "]";
    }
}
