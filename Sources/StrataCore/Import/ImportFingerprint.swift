import Crypto
import Foundation

/// The identity of an import's input, recorded with its job: a rerun resumes the job only when the input is the
/// same (a changed file would put other rows at the checkpoint).
public enum ImportFingerprint {
    /// `# input: 1234 bytes, sha256 ab12…` for file bytes (decompressed).
    public static func of(bytes: [UInt8]) -> String {
        "# input: \(bytes.count) bytes, sha256 " + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// `# input: 12 records, sha256 ab12…` for records read from a key-value table (their keys and values).
    public static func of(records: [ImportRecord], rejects: [ImportReject]) -> String {
        var hasher = SHA256()
        for record in records {
            hasher.update(data: Data(record.location.utf8 + [0]))
            for field in record.fields {
                hasher.update(data: Data(field.key.utf8 + [0] + (field.value.map { Array($0.utf8) + [1] } ?? [2])))
            }
        }
        for reject in rejects { hasher.update(data: Data(reject.location.utf8 + [3])) }
        return "# input: \(records.count + rejects.count) records, sha256 "
            + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
