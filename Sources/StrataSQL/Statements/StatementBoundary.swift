/// Follows a statement's significant tokens to know whether a `;` ends it, and spots `COPY … FROM STDIN` and
/// `COPY … TO STDOUT`.
///
/// A `;` does not end a statement inside parentheses (`CREATE RULE … DO ALSO (a; b)`) or inside the
/// `BEGIN ATOMIC … END` body of `CREATE [OR REPLACE] FUNCTION | PROCEDURE`. Inside such a body every `CASE`
/// has its own `END`, so a `CASE … END` expression does not close the body.
struct StatementBoundary {
    private var significantCount = 0
    private var parenthesisDepth = 0
    private var startsWithCreate = false
    private var startsWithCreateOr = false
    private var startsWithCreateOrReplace = false
    private var isRoutineDefinition = false
    private var previousWasBegin = false
    private var isInAtomicBody = false
    private var caseDepth = 0
    private var isCopy = false
    private var previousWord = ""

    /// A copy stream between client and server, which a statement sent by Strata cannot carry.
    enum CopyStream {
        /// `COPY … FROM STDIN`.
        case fromStdin
        /// `COPY … TO STDOUT`.
        case toStdout
    }

    /// Whether a `;` at this point ends the statement.
    var allowsSplit: Bool { parenthesisDepth == 0 && !isInAtomicBody }

    /// Takes the next significant token of the statement into account; returns the stream when it completes
    /// `COPY … FROM STDIN` or `COPY … TO STDOUT` (outside parentheses).
    mutating func observe(_ token: Token) -> CopyStream? {
        significantCount += 1
        switch token.punctuationByte {
        case UInt8(ascii: "("):
            parenthesisDepth += 1
        case UInt8(ascii: ")"):
            parenthesisDepth = max(0, parenthesisDepth - 1)
        default:
            break
        }
        let word = token.kind == .word ? token.normalized : ""
        if significantCount <= 4 {
            noteLeadingWord(word)
        }
        if isInAtomicBody {
            if word == "case" {
                caseDepth += 1
            } else if word == "end" {
                if caseDepth > 0 {
                    caseDepth -= 1
                } else {
                    isInAtomicBody = false
                }
            }
        } else if isRoutineDefinition {
            if previousWasBegin, word == "atomic" {
                isInAtomicBody = true
                caseDepth = 0
            }
            previousWasBegin = word == "begin"
        }
        guard isCopy, parenthesisDepth == 0 else { return nil }
        defer { previousWord = word }
        switch (previousWord, word) {
        case ("from", "stdin"): return .fromStdin
        case ("to", "stdout"): return .toStdout
        default: return nil
        }
    }

    /// Recognizes `COPY …` and `CREATE [OR REPLACE] FUNCTION | PROCEDURE …` from the first four tokens.
    private mutating func noteLeadingWord(_ word: String) {
        let isRoutineWord = word == "function" || word == "procedure"
        switch significantCount {
        case 1:
            isCopy = word == "copy"
            startsWithCreate = word == "create"
        case 2:
            isRoutineDefinition = startsWithCreate && isRoutineWord
            startsWithCreateOr = startsWithCreate && word == "or"
        case 3:
            startsWithCreateOrReplace = startsWithCreateOr && word == "replace"
        default:
            if startsWithCreateOrReplace {
                isRoutineDefinition = isRoutineWord
            }
        }
    }
}
