import Foundation

/// Maps `transform` over `items` on every core, keeping the order: pages are independent, so
/// rendering and per-page checks run side by side.
///
/// Inlinable, so each caller gets a copy made for its own types: an item is then handed to `transform`
/// where it lies, not copied first (a page holds a dozen references), and each result is made in its place
/// in the new array rather than in a list of optionals copied over at the end.
@inlinable
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let count = items.count
    return items.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (output.baseAddress! + index).initialize(to: transform(input[index]))
            }
            initialized = count
        }
    }
}

/// A value worked out on a thread of its own from the moment it is made, and read when it is needed: the
/// reader waits then if it is not ready yet. For work that one stage needs only at its end.
public final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The value, once it is worked out; it may be read any number of times.
    public var value: Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
