package io.jstrace.cli;

import io.jstrace.syscalls.Category;
import io.jstrace.syscalls.SignalNames;
import io.jstrace.syscalls.SyscallCatalog;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.xlat.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The man pages and the bash and zsh completion scripts, written from the same pages as -h
 * ({@link Usage}), so that they cannot say anything else. Run by the build (cli/pom.xml,
 * process-classes): {@code Docs DIR} writes {@code DIR/man/man1/jstrace.1},
 * {@code jstrace-COMMAND.1}, {@code DIR/completion/jstrace.bash} and {@code DIR/completion/_jstrace}.
 */
public final class Docs {
    private Docs() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path man = Files.createDirectories(dir.resolve("man/man1"));
        Files.writeString(man.resolve("jstrace.1"), man(Usage.main(), "trace system calls and signals"));
        for (Commands.Command c : Commands.ALL) {
            Files.writeString(man.resolve("jstrace-" + c.name() + ".1"), man(Usage.of(c.spec().get()), c.summary()));
        }
        Path completion = Files.createDirectories(dir.resolve("completion"));
        Files.writeString(completion.resolve("jstrace.bash"), bash());
        Files.writeString(completion.resolve("_jstrace"), zsh());
    }

    /** Every page: jstrace's, then each command's, by the name its options follow ({@code ""} for jstrace's). */
    static Map<String, Usage.Page> pages() {
        Map<String, Usage.Page> pages = new LinkedHashMap<>();
        pages.put("", Usage.main());
        for (Commands.Command c : Commands.ALL) pages.put(c.name(), Usage.of(c.spec().get()));
        return pages;
    }

    // ---- man(7)

    /** A page in man(7) macros: NAME, SYNOPSIS, DESCRIPTION, a section per option section, SEE ALSO. */
    static String man(Usage.Page page, String summary) {
        StringBuilder s = new StringBuilder();
        String name = page.name().replace(' ', '-');
        s.append(".\\\" Generated from jstrace's option tables (io.jstrace.cli.Docs): do not edit.\n");
        s.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"jstrace ")
                .append(Jstrace.version()).append("\" \"User Commands\"\n");
        s.append(".SH NAME\n").append(roman(name)).append(" \\- ").append(roman(summary)).append('\n');
        s.append(".SH SYNOPSIS\n");
        s.append(String.join("\n.br\n", page.synopsis().stream().map(Docs::roman).toList())).append('\n');
        s.append(".SH DESCRIPTION\n").append(roman(page.description())).append('\n');
        for (Usage.Section section : page.sections()) {
            s.append(".SS ").append(roman(section.title())).append('\n');
            for (Usage.Entry e : section.entries()) {
                s.append(".TP\n");
                List<String> names = new ArrayList<>();
                for (Usage.Name n : e.names()) names.add(man(n));
                s.append(String.join(", ", names)).append('\n').append(roman(e.text())).append('\n');
            }
        }
        s.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>(List.of("\\fBstrace\\fR(1)"));
        if (!page.name().equals("jstrace")) see.add("\\fBjstrace\\fR(1)");
        else for (Commands.Command c : Commands.ALL) see.add("\\fBjstrace\\-" + c.name() + "\\fR(1)");
        s.append(String.join(", ", see)).append('\n');
        return s.toString();
    }

    /** {@code \fB--output\fR=\fIFILE\fR}: the option in bold, its value in italics. */
    private static String man(Usage.Name n) {
        String option = "\\fB" + roman(n.option()) + "\\fR";
        if (n.value() == null) return option;
        String rest = n.toString().substring(n.option().length()); // " FILE", "=FILE", "[=PRECISION]"
        return option + rest.replace(n.value(), "\\fI" + roman(n.value()) + "\\fR");
    }

    /** Text as roff reads it literally: backslashes escaped, minus signs as \-, no line starting a request. */
    static String roman(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

    // ---- what a completion offers

    /** The syscall names -e trace= takes, and the classes. */
    static List<String> traceSet() {
        TreeSet<String> names = new TreeSet<>();
        for (SyscallInfo i : SyscallCatalog.all()) names.add(i.name());
        List<String> all = new ArrayList<>();
        for (Category c : Category.values()) all.add(c.className());
        all.add("all");
        all.add("none");
        all.addAll(names);
        return all;
    }

    /** The signal names -e signal= takes. */
    static List<String> signals() {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= Signals._NSIG; n++) {
            String name = SignalNames.name(n);
            if (name != null) names.add(name);
        }
        return names;
    }

    /** The qualifiers of -e, as the long options that stand for them name them. */
    static List<String> qualifiers() {
        TreeSet<String> q = new TreeSet<>();
        for (OptionRows.Row r : OptionRows.ROWS) if (r.qualifier() != null) q.add(r.qualifier());
        return new ArrayList<>(q);
    }

    private static final List<String> STATUSES = List.of("successful", "failed", "unfinished", "unavailable",
            "detached");

    /** What an option's value is, by its label: a file, a pid, a user, an expression, or anything. */
    private static String kind(Usage.Name n) {
        if (n.value() == null) return "";
        if (n.option().startsWith("-e ") || n.value().equals("EXPR")) return "expr";
        return switch (n.value()) {
            case "FILE", "PATH", "LIB" -> "file";
            case "PID", "PID[,PID...]" -> "pid";
            case "USERNAME" -> "user";
            default -> "";
        };
    }

    /** A page's option names, each with its entry's text. */
    private static List<Map.Entry<Usage.Name, String>> names(Usage.Page page) {
        List<Map.Entry<Usage.Name, String>> names = new ArrayList<>();
        for (Usage.Section s : page.sections()) {
            if (s.title().startsWith("Commands")) continue;
            for (Usage.Entry e : s.entries()) for (Usage.Name n : e.names()) names.add(Map.entry(n, e.text()));
        }
        return names;
    }

    // ---- bash

    static String bash() {
        StringBuilder s = new StringBuilder();
        s.append("# bash completion for jstrace. Generated from its option tables (io.jstrace.cli.Docs): do not edit.\n");
        s.append("_jstrace_trace='").append(String.join(" ", traceSet())).append("'\n");
        s.append("_jstrace_signals='").append(String.join(" ", signals())).append("'\n");
        s.append("_jstrace_statuses='").append(String.join(" ", STATUSES)).append("'\n");
        s.append("_jstrace_qualifiers='").append(String.join(" ", qualifiers())).append("'\n\n");
        s.append("""
                # The values of a qualifier SET: QUAL is trace, signal..., VAL what is typed after its '='.
                _jstrace_set() {
                    local list
                    case $1 in
                        trace) list=$_jstrace_trace ;;
                        signal|signals) list=$_jstrace_signals ;;
                        status) list=$_jstrace_statuses ;;
                        *) return ;;
                    esac
                    local head= last=$2
                    case $2 in *,*) head=${2%,*},; last=${2##*,} ;; esac
                    local neg=; case $last in '!'*) neg='!'; last=${last#!} ;; esac
                    COMPREPLY=($(compgen -P "$head$neg" -W "$list" -- "$last"))
                }

                # -e's value: QUALIFIER= first, then its SET ('=' is a word break: bash's word is what follows it).
                _jstrace_expr() {
                    case $1 in
                        *=*) _jstrace_set "${1%%=*}" "${1#*=}" ;;
                        *) compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -S = -W "$_jstrace_qualifiers" -- "$1")) ;;
                    esac
                }

                # Where each command's options are: OPTS its names, VALUES those that take the next word.
                _jstrace_options() {
                    case $1 in
                """);
        for (var p : pages().entrySet()) {
            List<String> opts = new ArrayList<>(), values = new ArrayList<>();
            for (var named : names(p.getValue())) {
                Usage.Name n = named.getKey();
                if (n.option().startsWith("-e ")) continue;
                opts.add(n.option() + (n.value() != null && n.option().startsWith("--") ? "=" : ""));
                if (n.value() != null && !n.optional() && !n.option().startsWith("--")) {
                    values.add(n.option() + ":" + kind(n));
                }
            }
            s.append("        ").append(p.getKey().isEmpty() ? "''" : p.getKey()).append(") opts='")
                    .append(String.join(" ", opts)).append("' values='").append(String.join(" ", values))
                    .append("' ;;\n");
        }
        s.append("    esac\n}\n\n_jstrace_commands='").append(String.join(" ", Commands.ALL.stream()
                .map(Commands.Command::name).toList())).append("'\n\n");
        s.append("""
                _jstrace() {
                    local cur=${COMP_WORDS[COMP_CWORD]} word full cmd= opts values i=1 kind
                    # the whole word under the cursor ('=' and ':' break bash's words)
                    full=${COMP_LINE:0:COMP_POINT}; full=${full##*[[:space:]]}
                    case " $_jstrace_commands " in *" ${COMP_WORDS[1]} "*) cmd=${COMP_WORDS[1]}; i=2 ;; esac
                    _jstrace_options "$cmd"
                    # past the options, the traced command: complete it as a command line of its own
                    while [ "$i" -lt "$COMP_CWORD" ]; do
                        word=${COMP_WORDS[i]}
                        case $word in
                            --) i=$((i + 1)); break ;;
                            --*=|=) i=$((i + 2)); continue ;;
                            -?*) case " $values " in *" $word:"*) i=$((i + 1)) ;; esac ;;
                            *) break ;;
                        esac
                        i=$((i + 1))
                    done
                    if [ "$i" -lt "$COMP_CWORD" ] && [ -z "$cmd" -o "$cmd" != ca ]; then
                        declare -F _command_offset >/dev/null && _command_offset "$i"
                        return
                    fi
                    case $full in
                        --*=*)
                            local name=${full%%=*}
                            case $name in
                                --trace|--signals|--status) _jstrace_set "${name#--}" "${full#*=}" ;;
                                --output|--perfetto|--json|--trace-path|--batch|--trust) COMPREPLY=($(compgen -f -- "$cur")) ;;
                            esac
                            return ;;
                    esac
                    # the whole word before it: the option this word may be the value of
                    local before=${COMP_LINE:0:COMP_POINT}
                    before=${before%"$full"}; before=${before%"${before##*[![:space:]]}"}; before=${before##*[[:space:]]}
                    kind=
                    case " $values " in *" $before:"*)
                        kind=" $values"; kind=${kind#*" $before:"}; kind=${kind%% *}; kind=${kind:-any} ;;
                    esac
                    case $kind in
                        expr) _jstrace_expr "${full}"; return ;;
                        file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                        pid) COMPREPLY=($(compgen -W "$(cd /proc && echo [0-9]*)" -- "$cur")); return ;;
                        user) COMPREPLY=($(compgen -u -- "$cur")); return ;;
                        any) return ;;
                    esac
                    case $cur in
                        -*) compopt -o nospace 2>/dev/null
                            COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                            [ ${#COMPREPLY[@]} -eq 1 ] && case ${COMPREPLY[0]} in *=) ;; *) COMPREPLY[0]+=' ' ;; esac ;;
                        *) if [ -z "$cmd" ] && [ "$COMP_CWORD" -eq 1 ]; then
                               COMPREPLY=($(compgen -W "$_jstrace_commands" -- "$cur") $(compgen -c -- "$cur"))
                           elif [ "$cmd" = play ] || [ "$cmd" = decode ]; then
                               COMPREPLY=($(compgen -f -- "$cur"))
                           elif [ "$cmd" != ca ]; then
                               COMPREPLY=($(compgen -c -- "$cur"))
                           fi ;;
                    esac
                }
                complete -F _jstrace jstrace
                """);
        return s.toString();
    }

    // ---- zsh

    static String zsh() {
        StringBuilder s = new StringBuilder();
        s.append("#compdef jstrace\n");
        s.append("# zsh completion for jstrace. Generated from its option tables (io.jstrace.cli.Docs): do not edit.\n\n");
        s.append("_jstrace_set() {\n    local -a list\n    case $1 in\n");
        s.append("        trace) list=(").append(String.join(" ", traceSet())).append(") ;;\n");
        s.append("        signal|signals) list=(").append(String.join(" ", signals())).append(") ;;\n");
        s.append("        status) list=(").append(String.join(" ", STATUSES)).append(") ;;\n");
        s.append("        *) _message 'SET'; return ;;\n    esac\n");
        s.append("    compset -P '*,'\n    compset -P '!'\n    compadd -S '' -q -- $list\n}\n\n");
        s.append("_jstrace_expr() {\n    if compset -P '*='; then\n        _jstrace_set ${IPREFIX%=}\n    else\n");
        s.append("        compadd -S = -- ").append(String.join(" ", qualifiers())).append("\n    fi\n}\n\n");
        s.append("_jstrace_command() {\n    local -a commands\n    commands=(\n");
        for (Commands.Command c : Commands.ALL) s.append("        ").append(quote(c.name() + ":" + c.summary())).append('\n');
        s.append("    )\n    _describe 'jstrace command' commands\n    _command_names -e\n}\n\n");
        s.append("_jstrace() {\n    local -a specs\n    case $words[2] in\n");
        List<Map.Entry<String, Usage.Page>> pages = new ArrayList<>(pages().entrySet());
        pages.add(pages.remove(0)); // jstrace's own last: its pattern, *, matches every word
        for (var p : pages) {
            String name = p.getKey();
            s.append("        ").append(name.isEmpty() ? "*" : name).append(")\n");
            if (!name.isEmpty()) s.append("            shift words; (( CURRENT-- ))\n");
            s.append("            specs=(\n");
            for (var named : names(p.getValue())) {
                String spec = zshSpec(named.getKey(), named.getValue());
                if (spec != null) s.append("                ").append(quote(spec)).append('\n');
            }
            String rest = name.isEmpty() ? "'(-)1:command:_jstrace_command' '*::arguments:_normal'"
                    : name.equals("play") || name.equals("decode") ? "'1:recording:_files'"
                    : name.equals("ca") ? "'*:host:_hosts'" : "'(-)1:command:_command_names -e' '*::arguments:_normal'";
            s.append("            )\n            _arguments -s -S $specs ").append(rest).append(" ;;\n");
        }
        s.append("    esac\n}\n\n_jstrace \"$@\"\n");
        return s.toString();
    }

    /** One option for zsh's _arguments: {@code -o+[help]:FILE:_files}; null for -e's qualifier forms. */
    private static String zshSpec(Usage.Name n, String text) {
        if (n.option().startsWith("-e ")) return null;
        String help = "[" + zshEscape(text.length() > 70 ? text.substring(0, 67) + "..." : text) + "]";
        if (n.value() == null) return "*" + n.option() + help;
        String action = switch (kind(n)) {
            case "file" -> "_files";
            case "pid" -> "_pids";
            case "user" -> "_users";
            case "expr" -> "_jstrace_expr";
            default -> " ";
        };
        if (n.option().equals("--trace") || n.option().equals("--signals") || n.option().equals("--status")) {
            action = "{_jstrace_set " + n.option().substring(2) + "}";
        }
        String attach = n.option().startsWith("--") ? (n.optional() ? "=-" : "=") : "+";
        return "*" + n.option() + attach + help + ":" + zshEscape(n.value()) + ":" + action;
    }

    private static String zshEscape(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
