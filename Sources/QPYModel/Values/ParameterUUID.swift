@_exported import struct QPYExpression.ParameterUUID
