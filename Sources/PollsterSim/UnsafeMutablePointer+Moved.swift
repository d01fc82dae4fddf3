extension UnsafeMutablePointer {
    /// The first `count` elements moved into a new allocation of `capacity` elements; this
    /// allocation is freed. The growth step of the engine's hand-managed buffers.
    func moved(count: Int, toCapacity capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let moved = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        moved.moveInitialize(from: self, count: count)
        deallocate()
        return moved
    }
}
