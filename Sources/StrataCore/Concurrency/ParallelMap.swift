import Foundation

/// Work that is independent per item (reading and parsing files, linting them) spread over every core.
public enum ParallelMap {
    /// `body` applied to every element, on every core; the results keep the order of `elements`, and the first
    /// error in that order is the one thrown (so a message does not depend on thread timing).
    public static func map<Element: Sendable, Value: Sendable>(
        _ elements: [Element], _ body: @Sendable (Element) throws(StrataError) -> Value
    ) throws(StrataError) -> [Value] {
        let slots = Slots<Value>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            do throws(StrataError) {
                slots.set(index, .success(try body(elements[index])))
            } catch {
                slots.set(index, .failure(error))
            }
        }
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        for result in slots.values {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            case nil: continue
            }
        }
        return values
    }
}

/// Per-item results written from parallel iterations, each to its own slot, behind a lock.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, StrataError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, StrataError>) { lock.withLock { slots[index] = result } }

    var values: [Result<Value, StrataError>?] { lock.withLock { slots } }
}
