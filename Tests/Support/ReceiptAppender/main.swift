// TODO(receipts): append N receipts to a log, for the concurrent-writers test.
print("not yet")
