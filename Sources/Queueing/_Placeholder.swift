// Queueing: work in progress this session
