// Runs only where a JDK 25 is installed (-Dit.java25.home names it).
def java = new File(java25home, 'bin/java')
if (!java.exists()) {
    println "plain-java25: SKIPPED, no JDK 25 at ${java} (set -Dit.java25.home)"
}
return java.exists()
