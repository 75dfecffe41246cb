// Reports: work in progress this session
