#include <unistd.h>
#include <time.h>
int main(){ struct timespec t={100,0}; nanosleep(&t,0); return 0;}
