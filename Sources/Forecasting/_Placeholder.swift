// Forecasting: work in progress this session
