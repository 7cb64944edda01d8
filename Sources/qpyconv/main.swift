print("qpyconv")
